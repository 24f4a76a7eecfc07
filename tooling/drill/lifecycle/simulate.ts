// The lifecycle drill: a deterministic discrete-event simulation of both regions over a scenario.
// One simulated clock (scheduler.ts) interleaves:
//   - the scenario's faults and recovery starts;
//   - clients posting orders to the API name at the scenario's rate, through resolvers that cache
//     Route 53's answer for the alias TTL; a region's API queues an order only while its stage variable
//     `active` is "true" and answers 503 otherwise (api.ts); a refused or unanswered order is tried
//     again, re-resolving the name, until the client gives up (then it is refused, never acknowledged);
//   - Route 53: each region's HTTPS check calling its health core (the probe's view, the validator), and
//     its RECOVERY_CONTROL check following its ARC routing control, which its failover record follows;
//   - the region-fence sync in each reachable region every minute (the real core), which keeps the
//     region's switches in line with the authority and re-fences a region that returns;
//   - the canary in the secondary and its alarm, when automatic failover is on;
//   - each region's trade processor (the real core) draining its queue: its event source mapping is
//     enabled in both regions, and the core commits only where its serving flag is "true" within its
//     lease and its cluster is the writer; a refused record goes back with the visibility the core
//     asks for (ChangeMessageVisibilityBatch), and SQS moves a message to the dead-letter queue after
//     max_receive_count receives;
//   - the Aurora global database (aurora.ts) and the failover state machine (state-machine.ts).
// At the end of every simulated second the invariant checker observes the step.
import { postTrade } from './api.ts';
import { LIFECYCLE_TIMING, CLIENT_GIVE_UP_SECONDS, CLIENT_RESOLVERS } from './timing.ts';
import { failoverAnswer, Resolver } from './route53.ts';
import { databasePort, health, probe, processBatch, regionFence, syncPayload } from './functions.ts';
import { Executions, type ExecutionRecord } from './state-machine.ts';
import { InvariantChecker, type Availability, type InvariantResult, type OrderCounts, type Step } from './invariants.ts';
import { PRIORITY, Scheduler } from './scheduler.ts';
import { timeOrdered, type ScenarioEvent, type Scenario } from './scenario.ts';
import type { LifecycleFigures } from './figures.ts';
import type { Message } from './sqs.ts';
import { dateAt, SimulationGap, World, type TimelineEntry } from './world.ts';

export interface Span {
  lane: string;
  label: string;
  from: number;
  to: number;
  /** How the picture marks it. */
  tone: 'crit' | 'active' | 'done' | 'normal';
}

export interface Refence {
  region: string;
  returnedAt: number;
  /** Seconds from the return to serving flag and API both off; null if never within the scenario. */
  seconds: number | null;
}

export interface LifecycleResult {
  scenario: Scenario;
  figures: LifecycleFigures;
  ok: boolean;
  invariants: InvariantResult[];
  orders: OrderCounts;
  availability: Availability;
  rtoSeconds: number | null;
  /** Each return of a region that the authority did not name, and how long until its switches were all off. */
  refences: Refence[];
  /** The longest of `refences` (null: no region returned, or none needed it). */
  refenceSeconds: number | null;
  timeline: TimelineEntry[];
  executions: ExecutionRecord[];
  spans: Span[];
}

/** Matches the processor's reason for refusing an order because of its age (none today; the next design adds one). */
export function isStaleReason(reason: string): boolean {
  return /\b(stale|too old|older than|max(imum)?[ _-]?order[ _-]?age)\b/i.test(reason);
}

/**
 * Faults that disrupt service by themselves; the RTO runs from the first of them. The others
 * (replication-lag, fence-fails, promotion-stuck, and the restores) only shape what follows.
 */
export const DISRUPTIVE = new Set<string>(['region-outage', 'partition', 'database-outage', 'health-flap']);

const SYMBOLS = ['AAPL', 'MSFT', 'AMZN', 'NVDA', 'GOOGL', 'META', 'JPM', 'XOM'];

function orderBody(i: number, t: number): { orderId: string; body: string } {
  const orderId = `ORD-${String(i + 1).padStart(7, '0')}`;
  const body = JSON.stringify({
    orderId,
    userId: `trader-${(i % 25) + 1}`,
    symbol: SYMBOLS[i % SYMBOLS.length],
    side: i % 2 === 0 ? 'BUY' : 'SELL',
    quantity: (i % 9) + 1,
    price: 100 + (i % 50) / 4,
    timestamp: dateAt(t).toISOString(),
  });
  return { orderId, body };
}

export async function runLifecycle(scenario: Scenario, figures: LifecycleFigures): Promise<LifecycleResult> {
  const world = new World(figures);
  world.maxOrderAgeSeconds = scenario.orders.maxAgeSeconds;
  const scheduler = new Scheduler((t) => {
    world.now = t;
  });
  const executions = new Executions(world, scheduler);
  const port = await databasePort();
  const { primary, secondary } = figures.regions;
  const regionNames = [primary, secondary];
  const interval = LIFECYCLE_TIMING.healthCheckInterval.seconds;
  const ttl = LIFECYCLE_TIMING.dnsAliasTtl.seconds;
  const firstFault = scenario.events.find((e) => 'fault' in e && DISRUPTIVE.has(e.fault));
  const checker = new InvariantChecker({
    maxAgeSeconds: scenario.orders.maxAgeSeconds,
    serverBoundSeconds: interval * figures.healthCheckFailureThreshold + ttl,
    firstFaultAt: firstFault ? firstFault.at : null,
    orderIntervalSeconds: 1 / scenario.orders.ratePerSecond,
    duration: scenario.duration,
    // The watchdog acts at its first sync after the bound; the sync before may just miss it.
    watchdogGraceSeconds: 2 * LIFECYCLE_TIMING.syncSchedule.seconds,
  });

  const dnsAnswer = () => failoverAnswer({ region: primary, healthy: world.recordHealthy(primary) }, { region: secondary, healthy: world.recordHealthy(secondary) });
  let lastAnswer = dnsAnswer();
  world.note('route53', `answers ${lastAnswer} (PRIMARY ${primary} healthy, SECONDARY ${secondary} ${world.recordHealthy(secondary) ? 'healthy' : 'unhealthy'})`);

  // Returns of a region the authority does not name, until its switches are all off (re-fence on return).
  const refences: Refence[] = [];
  const refencing = new Map<string, Refence>();
  const checkRefence = () => {
    for (const [region, r] of refencing) {
      if (!world.switchesOff(region)) continue;
      r.seconds = Math.round((world.now - r.returnedAt) * 10) / 10;
      world.note(region, `re-fenced ${r.seconds} s after its return: serving flag and API both off`);
      refencing.delete(region);
    }
  };

  // The EventBridge target's constant input (modules/failover-orchestrator/triggers.tf): trigger alarm.
  const alarmInput = () => {
    const { primary, secondary } = world.figures.regions;
    return {
      mode: 'failover',
      targetRegion: secondary,
      reason: `automatic: ${primary} unhealthy from ${secondary} and in Route 53's view, with its routing control On, for ${world.figures.probeFailureDatapoints} consecutive minutes (alarm ${world.names.prefix}-primary-unreachable)`,
      trigger: 'alarm',
    };
  };

  // --- scenario events -------------------------------------------------------------------------
  const apply = async (e: ScenarioEvent) => {
    if ('action' in e) {
      const r = world.regions[e.region]!;
      if (!r.up) {
        world.note(e.region, `operator cannot start the state machine in ${e.region}: the region is unreachable`);
        return;
      }
      await executions.start(
        e.region,
        { mode: e.mode, targetRegion: e.region, reason: e.reason ?? `drill ${scenario.name}`, trigger: 'manual', ...(e.force ? { force: true, forceReason: e.forceReason } : {}) },
        'manual',
        { ...(e.approveAfter !== undefined ? { approveAfter: e.approveAfter } : {}), ...(e.reject ? { reject: true } : {}) },
      );
      return;
    }
    switch (e.fault) {
      case 'region-outage':
        world.regions[e.region]!.up = false;
        world.note(e.region, 'fault: region outage (unreachable from everywhere)');
        break;
      case 'region-restore': {
        world.regions[e.region]!.up = true;
        // A cold start: the health function's cached flag and the processor's flag reader are gone.
        world.regions[e.region]!.flagCache = {};
        delete world.regions[e.region]!.processorFlag;
        world.note(e.region, 'fault cleared: region restored');
        if (world.arc.stateOf(e.region) === 'Off') {
          const r: Refence = { region: e.region, returnedAt: world.now, seconds: null };
          refences.push(r);
          refencing.set(e.region, r);
          checkRefence();
        } else {
          world.note(e.region, `returns while the authority names it (routing control On): no re-fence needed`);
        }
        break;
      }
      case 'arc-endpoints-down':
        world.arc.setEndpointsDown(e.count);
        world.note('arc', e.count === 0 ? 'fault cleared: every ARC cluster endpoint answers' : `fault: the first ${e.count} of ${world.arc.endpoints.length} ARC cluster endpoints do not answer (${world.arc.endpoints.slice(0, e.count).map((x) => x.region).join(', ')})`);
        break;
      case 'set-alarm-state': {
        const { secondary } = world.figures.regions;
        if (!world.figures.autoFailoverEnabled) {
          world.note(secondary, 'fault: SetAlarmState on the primary-unreachable alarm, which does not exist (automatic failover is off)');
          break;
        }
        world.canaryAlarm = true;
        world.note(secondary, `fault: SetAlarmState puts ${world.names.prefix}-primary-unreachable into ALARM without an outage; EventBridge starts the failover`);
        if (world.regions[secondary]!.up) await executions.start(secondary, alarmInput(), 'automatic', {});
        break;
      }
      case 'partition':
        world.partitioned = true;
        world.note('network', 'fault: partition (the regions cannot reach each other; clients and Route 53 reach both)');
        break;
      case 'heal':
        world.partitioned = false;
        world.note('network', 'fault cleared: partition healed');
        break;
      case 'fence-fails':
        world.regions[e.region]!.refusesPeerCalls = true;
        world.note(e.region, `fault: calls into ${e.region} from ${world.peer(e.region)} fail`);
        break;
      case 'database-outage':
        world.aurora.clusters[e.region]!.instancesUp = false;
        world.note(e.region, 'fault: database outage (cluster endpoints refuse connections)');
        break;
      case 'database-restore':
        world.aurora.clusters[e.region]!.instancesUp = true;
        world.note(e.region, 'fault cleared: database restored');
        break;
      case 'health-flap':
        world.regions[e.region]!.healthFailsUntil = e.at + e.seconds;
        world.note(e.region, `fault: /health fails for ${e.seconds} s`);
        break;
      case 'promotion-stuck':
        world.aurora.stuckNext = true;
        world.note('aurora', 'fault: the next promotion never completes');
        break;
      case 'replication-lag':
        world.aurora.lagSeconds = e.ms / 1000;
        world.note('aurora', `fault: replication lag ${e.ms} ms`);
        break;
    }
  };
  for (const e of timeOrdered(scenario.events)) scheduler.at(e.at, PRIORITY.scenario, () => apply(e));

  // --- Aurora ------------------------------------------------------------------------------------
  const databaseTick = () => {
    world.aurora.tick(world.now);
    scheduler.at(world.now + 1, PRIORITY.database, databaseTick);
  };
  scheduler.at(0, PRIORITY.database, databaseTick);

  // --- Route 53 health checks ----------------------------------------------------------------------
  // Both regions' checks run at the same instants, concurrently (each waits on a TCP connect).
  const checks = async () => {
    const results = await Promise.all(regionNames.map(async (region) => (world.regions[region]!.up ? (await health(world, region, port)).status === 200 : false)));
    regionNames.forEach((region, i) => {
      const r = world.regions[region]!;
      const before = world.recordHealthy(region);
      if (r.health.record(results[i]!)) world.note(region, `Route 53 HTTPS health check ${r.health.healthy ? 'healthy' : 'unhealthy'}`);
      if (r.control.record(world.arc.stateOf(region) === 'On')) world.note(region, `Route 53 routing control health check ${r.control.healthy ? 'healthy' : 'unhealthy'}`);
      if (world.recordHealthy(region) !== before) world.note(region, `Route 53 failover record ${before ? 'unhealthy' : 'healthy'}`);
    });
    const answer = dnsAnswer();
    if (answer !== lastAnswer) {
      lastAnswer = answer;
      const both = !world.recordHealthy(primary) && !world.recordHealthy(secondary);
      world.note('route53', `answers ${answer}${both ? ' (both records unhealthy: Route 53 answers PRIMARY)' : ''}`);
    }
    scheduler.at(world.now + interval, PRIORITY.checks, checks);
  };
  scheduler.at(interval, PRIORITY.checks, checks);

  // --- region-fence sync, every minute in each reachable region (EventBridge) ----------------------
  const syncPhase: Record<string, number> = { [primary]: 30, [secondary]: 45 };
  const lastSync = new Map<string, string>();
  const reclaims: { region: string; at: number }[] = [];
  regionNames.forEach((region) => {
    const sync = async () => {
      if (world.regions[region]!.up) {
        const before = world.switchesOff(region);
        const { result } = await regionFence(world, region, syncPayload(world, region));
        if (result.action === 'sync') {
          if (result.reclaim?.reclaimed) {
            reclaims.push({ region, at: world.now });
            world.note(region, `region-fence watchdog: authority taken back (alarm ${world.names.prefix}-authority-reclaimed to the operations topic): ${result.reclaim.detail}`);
          }
          const summary = `authority ${result.authority}, writer ${String(result.writer)} -> ${result.active === null ? 'nothing decided' : result.active ? 'switches on' : 'switches off'}${result.synced ? '' : ` (NOT synced${result.error ? `: ${result.error}` : ''})`}`;
          const changed = before !== world.switchesOff(region);
          if (changed || lastSync.get(region) !== summary) world.note(region, `region-fence sync (every minute): ${summary}`);
          lastSync.set(region, summary);
        }
        checkRefence();
      }
      scheduler.at(world.now + LIFECYCLE_TIMING.syncSchedule.seconds, PRIORITY.checks, sync);
    };
    scheduler.at(syncPhase[region]!, PRIORITY.checks, sync);
  });

  // --- the canary and its alarm (automatic failover) --------------------------------------------
  if (figures.autoFailoverEnabled) {
    const datapoints: (number | undefined)[] = [];
    let lastProbe = '';
    const period = LIFECYCLE_TIMING.probeInterval.seconds;
    const canary = async () => {
      let value: number | undefined;
      if (world.regions[secondary]!.up) {
        const { result, datapoint } = await probe(world, port);
        value = datapoint;
        const summary = `${result.outcome} (own GET ${result.canaryFailed ? 'failed' : 'ok'}, Route 53 view ${result.route53View}${result.routingControl ? `, ${primary} routing control ${result.routingControl}` : ''})`;
        if (summary !== lastProbe) world.note(secondary, `primary-probe: ${summary}`);
        lastProbe = summary;
      }
      datapoints.push(value);
      const recent = datapoints.slice(-figures.probeFailureDatapoints);
      const breaching = recent.length === figures.probeFailureDatapoints && recent.every((v) => v !== undefined && v < 1);
      if (breaching && !world.canaryAlarm) {
        world.canaryAlarm = true;
        world.note(secondary, `alarm ${world.names.prefix}-primary-unreachable: ALARM (${figures.probeFailureDatapoints} failed minutes); EventBridge starts the failover`);
        if (world.regions[secondary]!.up) {
          await executions.start(
            secondary,
            alarmInput(),
            'automatic',
            {},
          );
        }
      } else if (!breaching && world.canaryAlarm) {
        world.canaryAlarm = false;
        world.note(secondary, `alarm ${world.names.prefix}-primary-unreachable: OK`);
      }
      scheduler.at(world.now + period, PRIORITY.checks, canary);
    };
    scheduler.at(period / 2, PRIORITY.checks, canary);
  }

  // --- clients -----------------------------------------------------------------------------------
  const resolvers = Array.from({ length: CLIENT_RESOLVERS }, (_, i) => new Resolver(ttl, (i * ttl) / CLIENT_RESOLVERS, lastAnswer));
  const rate = scenario.orders.ratePerSecond;
  const lastOutcome = new Map<string, string>();
  const retry = LIFECYCLE_TIMING.clientRetry.seconds;
  let n = 0;
  /** One try of order `i`, first tried at `firstAt`; a refusal is tried again until the client gives up. */
  const attempt = (i: number, firstAt: number, tries: number) => {
    const region = resolvers[i % CLIENT_RESOLVERS]!.resolve(world.now, dnsAnswer);
    const { orderId, body } = orderBody(i, firstAt);
    const outcome = postTrade(world, region, { messageId: `msg-${region}-${i + 1}${tries ? `-r${tries}` : ''}`, orderId, body });
    const summary = outcome.status === 200 ? 'acknowledged (queued by its API)' : outcome.status === 503 ? `refused with 503: ${outcome.reason}` : `fail: ${outcome.reason}`;
    if (lastOutcome.get(region) !== summary) {
      lastOutcome.set(region, summary);
      world.note('clients', `orders to ${region} ${outcome.status === 200 ? 'are ' : ''}${summary}`);
    }
    if (outcome.status === 200) world.stepOrders.push({ kind: 'acked', at: world.now, orderId, region });
    else if (world.now + retry - firstAt <= CLIENT_GIVE_UP_SECONDS) scheduler.at(world.now + retry, PRIORITY.clients, () => attempt(i, firstAt, tries + 1));
    else world.stepOrders.push({ kind: 'refused', at: world.now, orderId, region, status: outcome.status });
  };
  const client = () => {
    const i = n++;
    world.stepSubmitted++;
    attempt(i, world.now, 0);
    const next = (i + 1) / rate;
    if (next < scenario.duration) scheduler.at(next, PRIORITY.clients, client);
  };
  scheduler.at(0, PRIORITY.clients, client);

  // --- trade processors ----------------------------------------------------------------------------
  const processing = new Map<string, string>();
  regionNames.forEach((region) => {
    const poll = async () => {
      const r = world.regions[region]!;
      if (r.up && r.queue.hasVisible(world.now)) await drain(region);
      scheduler.at(world.now + LIFECYCLE_TIMING.esmPoll.seconds, PRIORITY.processors, poll);
    };
    scheduler.at(LIFECYCLE_TIMING.esmPoll.seconds, PRIORITY.processors, poll);
  });
  const drain = async (region: string) => {
    const r = world.regions[region]!;
    const now = world.now;
    const { received, deadLettered } = r.queue.receive(now, figures.processorConcurrency * figures.batchSize, figures.visibilityTimeoutSeconds, figures.maxReceiveCount);
    for (const m of deadLettered) {
      const reason = `dead-letter queue after ${m.receiveCount} receives: ${m.lastError ?? 'no reason recorded'}`;
      world.stepOrders.push({ kind: 'rejected', at: now, orderId: m.orderId, region, reason, stale: isStaleReason(m.lastError ?? '') });
    }
    const done: Message[] = [];
    for (let i = 0; i < received.length; i += figures.batchSize) {
      const batch = received.slice(i, i + figures.batchSize);
      const failed = await processBatch(world, region, batch);
      for (const m of batch) {
        const reason = failed.get(m.messageId);
        if (reason === undefined) done.push(m);
        else m.lastError = reason;
      }
      const firstFailure = [...failed.values()][0];
      const state = firstFailure === undefined ? 'ok' : 'failing';
      if ((processing.get(region) ?? 'ok') !== state) world.note(region, firstFailure === undefined ? 'trade processor commits again' : `trade processor fails: ${firstFailure}`);
      processing.set(region, state);
    }
    r.queue.delete(done);
  };

  // --- the step the invariants observe -------------------------------------------------------------
  const lanes = new LaneRecorder(world, regionNames);
  lanes.sample(0, lastAnswer);
  const step = () => {
    const s: Step = {
      t: world.now,
      regionsUp: Object.fromEntries(regionNames.map((r) => [r, world.regions[r]!.up])),
      dnsAnswer: dnsAnswer(),
      submitted: world.stepSubmitted,
      commits: world.stepCommits,
      orders: world.stepOrders,
      executions: executions.views(),
      reclaims,
    };
    world.stepSubmitted = 0;
    world.stepCommits = [];
    world.stepOrders = [];
    checker.observe(s);
    lanes.sample(world.now, s.dnsAnswer);
    if (world.now + 1 <= scenario.duration) scheduler.at(world.now + 1, PRIORITY.step, step);
  };
  scheduler.at(1, PRIORITY.step, step);

  // The cores create an Error for every refused record; nothing here reads their stacks, and capturing
  // them was a third of the run time.
  const stackTraceLimit = Error.stackTraceLimit;
  if (process.env.TOOLING_DEBUG !== '1') Error.stackTraceLimit = 0;
  try {
    await scheduler.runUntil(scenario.duration, () => {
      if (world.gaps.length) throw new SimulationGap(world.gaps[0]!);
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (world.gaps.length) throw new SimulationGap(world.gaps[0]!);

  const invariants = checker.finish();
  const views = executions.views();
  for (const r of refencing.values()) world.timeline.push({ t: scenario.duration, region: r.region, what: `not re-fenced by the end of the scenario (returned at ${r.returnedAt} s)` });
  for (const inv of invariants) if (!inv.held) world.timeline.push({ t: inv.firstViolationAt ?? scenario.duration, region: 'invariant', what: `${inv.name} violated: ${inv.detail}` });
  const timeline = world.timeline.map((e, i) => ({ e, i })).sort((a, b) => a.e.t - b.e.t || a.i - b.i).map((x) => x.e);
  return {
    scenario,
    figures,
    ok: invariants.every((i) => i.held),
    invariants,
    orders: checker.ledger.counts(),
    availability: checker.ledger.availability(1 / rate, scenario.duration, scenario.orders.maxAgeSeconds),
    rtoSeconds: checker.ledger.rto(
      firstFault ? firstFault.at : null,
      views.filter((v, i) => v.status === 'SUCCEEDED' || executions.records[i]!.promotion !== undefined),
    ),
    refences,
    refenceSeconds: refences.some((r) => r.seconds !== null) ? Math.max(...refences.flatMap((r) => (r.seconds === null ? [] : [r.seconds]))) : null,
    timeline,
    executions: executions.records,
    spans: spans(lanes.close(scenario.duration), executions.records, regionNames, scenario.duration),
  };
}

/** Per-second facts of each region, kept as spans for the picture (a fact seen at the end of step t holds from t). */
class LaneRecorder {
  private readonly keys: { lane: string; label: string; value: (answer: string) => boolean }[] = [];
  private readonly open: (number | null)[] = [];
  private readonly out: Span[] = [];

  constructor(world: World, regions: string[]) {
    this.keys.push({ lane: 'network', label: 'partition', value: () => world.partitioned });
    if (world.figures.autoFailoverEnabled) this.keys.push({ lane: world.secondary, label: 'canary alarm (primary unreachable)', value: () => world.canaryAlarm });
    for (const r of regions) {
      const region = world.regions[r]!;
      const cluster = () => world.aurora.clusters[r]!;
      this.keys.push(
        { lane: r, label: 'region outage', value: () => !region.up },
        { lane: r, label: 'database outage', value: () => !cluster().instancesUp },
        // The authority, and the region's local mirror of it.
        { lane: r, label: 'routing control On', value: () => world.arc.stateOf(r) === 'On' },
        { lane: r, label: 'serving flag true', value: () => world.servingFlag(r) === 'true' },
        { lane: r, label: 'API active', value: () => region.stageVariables.active === 'true' },
        { lane: r, label: 'unhealthy in Route 53', value: () => !world.recordHealthy(r) },
        { lane: r, label: 'Aurora writer', value: () => world.aurora.writer === r },
        { lane: r, label: 'takes writes, not the writer', value: () => region.up && cluster().writable && world.aurora.writer !== r },
        { lane: r, label: 'processor active (flag within lease)', value: () => region.up && world.flagActive(r) },
        { lane: 'Route 53', label: `answers ${r}`, value: (answer) => answer === r },
      );
    }
    this.open = this.keys.map(() => null);
  }

  sample(t: number, answer: string): void {
    this.keys.forEach((k, i) => {
      const on = k.value(answer);
      const from = this.open[i]!;
      if (on && from === null) this.open[i] = t;
      if (!on && from !== null) {
        this.out.push({ lane: k.lane, label: k.label, from, to: t, tone: TONES[k.label] ?? 'normal' });
        this.open[i] = null;
      }
    });
  }

  close(end: number): Span[] {
    this.keys.forEach((k, i) => {
      const from = this.open[i];
      if (from !== null && from !== undefined) this.out.push({ lane: k.lane, label: k.label, from, to: end, tone: TONES[k.label] ?? 'normal' });
    });
    return this.out;
  }
}

const TONES: Record<string, Span['tone']> = {
  'region outage': 'crit',
  'database outage': 'crit',
  partition: 'crit',
  'unhealthy in Route 53': 'active',
  'canary alarm (primary unreachable)': 'active',
  'takes writes, not the writer': 'crit',
  'Aurora writer': 'done',
  'routing control On': 'done',
  'processor active (flag within lease)': 'normal',
};

function spans(out: Span[], executions: ExecutionRecord[], regions: string[], end: number): Span[] {
  for (const e of executions) {
    const lane = `state machine in ${e.region}`;
    out.push({ lane, label: `${e.mode} ${e.status}`, from: e.startedAt, to: e.endedAt ?? end, tone: e.status === 'SUCCEEDED' ? 'done' : e.status === 'RUNNING' ? 'active' : 'crit' });
    if (e.approval) out.push({ lane, label: `approval ${e.approval.outcome}`, from: e.approval.from, to: Math.min(e.approval.to, end), tone: 'active' });
    if (e.promotion) out.push({ lane, label: e.promotion.to === null ? 'promotion (never completes)' : 'promotion', from: e.promotion.from, to: Math.min(e.promotion.to ?? end, end), tone: e.promotion.to === null ? 'crit' : 'active' });
  }
  // Lanes in a stable order: regions first, then Route 53, the state machines and the network.
  const rank = (lane: string) => (regions.includes(lane) ? regions.indexOf(lane) : lane === 'Route 53' ? 10 : lane === 'network' ? 30 : 20);
  return out.sort((a, b) => rank(a.lane) - rank(b.lane) || a.lane.localeCompare(b.lane) || a.from - b.from);
}
