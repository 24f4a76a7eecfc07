// The game day's sequence, over injected ports (tooling/gameday/ports.ts):
//   1. refuse anything but the normal state (preflight.ts), and read each region's regional endpoint;
//   2. start the load (load.ts), the DNS watcher (dns.ts) and the audit observer (processed.ts);
//   3. switchover into the secondary, started in the secondary only, followed to its end;
//   4. if it succeeded: wait until the primary's RDS says the global cluster is available with the
//      secondary as its writer (the failback's own preflight refuses anything else), then switch over
//      into the primary the same way, with orders still flowing;
//   5. keep the load on until an order is processed in the primary (or the cool-down ends), stop it,
//      keep looking for the acknowledged orders for the settle time, then compute the figures.
// A leg that fails stops the sequence there: the failback never starts after a failed switchover.
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import type { LifecycleJson } from '../drill/lifecycle/report.ts';
import { globalClusterId } from '../runbook/environment.ts';
import { DnsWatcher, type DnsSample } from './dns.ts';
import type { GamedayEnvironment } from './environment.ts';
import { followExecution, startSwitchover } from './execution.ts';
import { availability, budgetOf, legFigures, lostOrders, orderCounts, verdictOf, type Budget, type Leg, type LegFigures, type Verdict } from './figures.ts';
import { OrderLoad, type OrderRecord, type Refusals } from './load.ts';
import { checkNormalState, regionalEndpoints } from './preflight.ts';
import { AuditObserver } from './processed.ts';
import type { GamedayPorts } from './ports.ts';
import type { Availability, OrderCounts } from '../drill/lifecycle/invariants.ts';

export interface GamedayOptions {
  ordersPerSecond: number;
  /** Orders before the switchover, so the figures start from a serving platform. */
  warmupSeconds: number;
  /** After the failback ends: at most this long for an order processed in the primary. */
  cooldownSeconds: number;
  /** After the load stops: how long acknowledged orders may take to show up processed. */
  settleSeconds: number;
  pollSeconds: number;
  checkSeconds: number;
  /** Before the failback: how long the global cluster may take to be available again. */
  readinessSeconds: number;
  /** A guard above the execution's own TimeoutSeconds, for when DescribeExecution stops answering. */
  executionBoundSeconds: number;
  /** The trade processor's maximum order age (max_order_age_seconds, default 60): an order processed later did not serve. */
  maxOrderAgeSeconds: number;
}

export const DEFAULT_OPTIONS: GamedayOptions = {
  ordersPerSecond: 2,
  warmupSeconds: 30,
  cooldownSeconds: 300,
  settleSeconds: 180,
  pollSeconds: 5,
  checkSeconds: 5,
  readinessSeconds: 900,
  executionBoundSeconds: 4200,
  maxOrderAgeSeconds: 60,
};

export interface GamedayResult {
  env: GamedayEnvironment;
  options: GamedayOptions;
  startedAt: string;
  /** Seconds since the start, when the load started and stopped. */
  load: { from: number; to: number };
  endpoints: Record<string, string>;
  legs: Leg[];
  legFigures: LegFigures[];
  orders: OrderRecord[];
  counts: OrderCounts;
  refusals: Refusals;
  availability: Availability;
  lost: string[];
  dns: DnsSample[];
  /** Per region, the last error reading audit objects (a region that did not answer). */
  observeErrors: Record<string, string>;
  timeline: { t: number; region: string; what: string }[];
  budget: Budget;
  drill: LifecycleJson | null;
  verdict: Verdict;
}

/** The id every order of this run carries: gd<yyyymmddHHMMSS>. */
export function runIdOf(start: Date): string {
  return `gd${start.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
}

export async function runGameday(env: GamedayEnvironment, options: GamedayOptions, ports: GamedayPorts): Promise<GamedayResult> {
  const { clients, clock } = ports;
  const t0 = clock.now();
  const since = () => Math.round((clock.now() - t0) / 100) / 10;
  const timeline: GamedayResult['timeline'] = [];
  const note = (region: string, what: string) => {
    timeline.push({ t: since(), region, what });
    ports.log(`+${since().toFixed(1)} s ${region}: ${what}`);
  };
  const { primary, secondary } = env.regions;

  // 1. Refusals come before anything changes.
  await checkNormalState(env, clients, new Date(t0));
  note('preflight', `normal state: the authority names ${primary}, ${primary} is the writer, no recovery runs`);
  const endpoints = await regionalEndpoints(env, clients);

  // 2. Load, DNS and the observer run side by side until stopped.
  const load = new OrderLoad(env.sharedUrl, runIdOf(new Date(t0)), options.ordersPerSecond, ports.transport, clock, ports.random, since, note);
  const dns = new DnsWatcher(env.sharedHost, endpoints, ports.dns, clock, since, note);
  const observer = new AuditObserver([primary, secondary], env.auditBuckets, clients, load.orders, clock, since, options.checkSeconds * 1000);
  const loadFrom = since();
  note('clients', `load starts: ${options.ordersPerSecond} order(s)/s to ${env.sharedUrl}/trades through the reference client`);
  const running = [load.run(), dns.run(), observer.run()];
  await clock.sleep(options.warmupSeconds * 1000);

  const legs: Leg[] = [];
  const runLeg = async (name: Leg['name'], from: string, target: string): Promise<Leg> => {
    const leg: Leg = { name, from, target, startedAt: since(), endedAt: null, executionArn: null, outcome: { status: 'NOT_STARTED', error: null, cause: null, validatorReady: null, failingChecks: [] } };
    legs.push(leg);
    try {
      leg.executionArn = await startSwitchover(env, target, `game day ${runIdOf(new Date(t0))}: ${name} into ${target}`, clients, new Date(clock.now()));
    } catch (error) {
      leg.outcome = { ...leg.outcome, error: 'StartFailed', cause: error instanceof Error ? error.message : String(error) };
      note(target, `${name} into ${target} did not start: ${leg.outcome.cause}`);
      return leg;
    }
    note(target, `${name} into ${target} started (${leg.executionArn})${env.requireApproval ? `: it waits for make approve ENV=${env.env} EXECUTION=${leg.executionArn}` : ''}`);
    leg.outcome = await followExecution(leg.executionArn, target, clients, clock, options.pollSeconds * 1000, options.executionBoundSeconds * 1000, ports.log);
    leg.endedAt = since();
    const o = leg.outcome;
    note(target, `${name} execution ${o.status}${o.error ? ` (${o.error}${o.cause ? `: ${o.cause}` : ''})` : ''}; validator ${o.validatorReady === null ? 'gave no verdict' : o.validatorReady ? 'ready' : `not ready (${o.failingChecks.join(', ')})`}`);
    return leg;
  };

  // 3. Switchover into the secondary.
  const first = await runLeg('switchover', primary, secondary);
  if (first.outcome.status === 'SUCCEEDED') {
    // 4. The failback, once the primary's own RDS endpoint shows the secondary as the writer of an available global cluster.
    const ready = await waitForFailbackReadiness(env, ports, options, note);
    if (ready === true) {
      const back = await runLeg('failback', secondary, primary);
      // 5. Cool-down: orders keep flowing until one is processed in the primary again.
      const until = since() + options.cooldownSeconds;
      while (back.outcome.status === 'SUCCEEDED' && since() < until && !legFigures(back, dns.samples, load.orders).firstProcessed) await clock.sleep(options.checkSeconds * 1000);
    } else {
      legs.push({ name: 'failback', from: secondary, target: primary, startedAt: null, endedAt: null, executionArn: null, outcome: { status: 'NOT_STARTED', error: 'NotReady', cause: ready, validatorReady: null, failingChecks: [] } });
      note(primary, `failback into ${primary} not started: ${ready}`);
    }
  }

  await load.stop();
  const loadTo = since();
  note('clients', `load stopped after ${load.orders.length} order(s)`);
  dns.stop();
  // Acknowledged orders get the settle time to show up processed.
  const settleUntil = clock.now() + options.settleSeconds * 1000;
  observer.stop();
  while ((await observer.checkOnce()) > 0 && clock.now() < settleUntil) await clock.sleep(options.checkSeconds * 1000);
  await observer.findRejections();
  await Promise.all(running);

  const figures = legs.map((l) => legFigures(l, dns.samples, load.orders));
  const budget = budgetOf(env);
  const lost = lostOrders(load.orders);
  const counts = orderCounts(load.orders);
  note('report', `${counts.acknowledged} acknowledged, ${counts.processed} processed, ${lost.length} lost, ${counts.refusedNotAcknowledged} given up`);
  let drill: LifecycleJson | null = null;
  try {
    drill = await ports.drill();
  } catch (error) {
    ports.log(`the lifecycle drill did not run (${error instanceof Error ? error.message : String(error)}); the report has no drill figures`);
  }
  return {
    env,
    options,
    startedAt: new Date(t0).toISOString(),
    load: { from: loadFrom, to: loadTo },
    endpoints,
    legs,
    legFigures: figures,
    orders: load.orders,
    counts,
    refusals: { ...load.refusals },
    availability: availability(load.orders, loadFrom, loadTo, 1 / options.ordersPerSecond, options.maxOrderAgeSeconds),
    lost,
    dns: dns.samples,
    observeErrors: Object.fromEntries(observer.errors),
    timeline: timeline.map((e, i) => ({ e, i })).sort((a, b) => a.e.t - b.e.t || a.i - b.i).map((x) => x.e),
    budget,
    drill,
    verdict: verdictOf(legs, figures, lost, budget),
  };
}

/** true when the failback can start; otherwise why not (after the readiness bound). */
async function waitForFailbackReadiness(env: GamedayEnvironment, ports: GamedayPorts, options: GamedayOptions, note: (region: string, what: string) => void): Promise<true | string> {
  const { primary, secondary } = env.regions;
  const until = ports.clock.now() + options.readinessSeconds * 1000;
  let why = '';
  for (;;) {
    try {
      const out = await ports.clients.rds(primary).send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: globalClusterId(env) }));
      const cluster = out.GlobalClusters?.[0];
      const writer = cluster?.GlobalClusterMembers?.find((m) => m.IsWriter)?.DBClusterArn?.split(':')[3];
      if (cluster?.Status === 'available' && writer === secondary && !cluster.FailoverState?.Status) {
        note(primary, `global cluster available with ${secondary} the writer: the failback can start`);
        return true;
      }
      why = `the global cluster is ${cluster?.Status ?? 'not described'} with writer ${writer ?? 'none'}${cluster?.FailoverState?.Status ? ` and a ${cluster.FailoverState.Status} operation` : ''}`;
    } catch (error) {
      why = `RDS in ${primary} did not answer (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`;
    }
    if (ports.clock.now() >= until) return `${why} after ${options.readinessSeconds} s`;
    await ports.clock.sleep(options.pollSeconds * 1000);
  }
}
