// The invariants a trading desk relies on, checked on every simulated step of a lifecycle scenario.
// The checker sees only observations (what clients were told, which commits were attempted where,
// what happened to each order, which executions ran), never the simulation's internals, so a unit test
// can feed it a hand-written trace and show that each invariant catches what it claims to.
//
// Besides the verdicts it keeps the order ledger the report's figures come from: order counts,
// availability as the clients saw it, and the RTO.

import { LIFECYCLE_TIMING } from './timing.ts';

/**
 * How long after its age limit an acknowledged order may still be unsettled before it counts as
 * stranded (acknowledged-orders-accounted only; no-late-execution stays strict: nothing is committed
 * after the limit). An order the processor refuses while it is young goes back to the queue with
 * visibility ceil(maxAge - age) + 1 s, so it comes back just after its limit and is only then rejected
 * as stale. The design allows, beyond the limit:
 *   - the refusal's + 1 s (ceil(maxAge - age) itself ends no later than the limit, rounded up to the
 *     queue's whole second);
 *   - one receive of the drill's SQS model (the event source polls once a second,
 *     LIFECYCLE_TIMING.esmPoll);
 *   - the step granularity: the checker observes at the end of each whole simulated second.
 * Nothing else is widened: an order still unsettled after this is stranded.
 */
export const REFUSAL_RETURN_SECONDS = 1;
export const STEP_SECONDS = 1;
export const STALE_REJECTION_GRACE_SECONDS = REFUSAL_RETURN_SECONDS + LIFECYCLE_TIMING.esmPoll.seconds + STEP_SECONDS;

export const INVARIANTS = [
  'single-writer-processing',
  'no-processing-on-non-writer',
  'acknowledged-orders-accounted',
  'no-late-execution',
  'no-failback-without-request',
  'recovery-terminates',
  'failed-recovery-keeps-a-server',
  'no-unforced-data-loss-failover',
  'approval-token-only-to-approvers',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

/** One transaction a trade processor tried to commit. */
export interface CommitAttempt {
  at: number;
  region: string;
  /** Whether the cluster it went to was the global writer at that moment. */
  globalWriter: boolean;
  ok: boolean;
  detail?: string;
}

export type OrderEvent =
  | { kind: 'acked'; at: number; orderId: string; region: string }
  /** The client gave up on an order no API acknowledged (503 or no answer on every try): refused, not lost. */
  | { kind: 'refused'; at: number; orderId: string; region: string; status: number }
  /** A new row for the order (not a redelivery of one already stored). */
  | { kind: 'committed'; at: number; orderId: string; region: string; globalWriter: boolean }
  | { kind: 'rejected'; at: number; orderId: string; region: string; reason: string; stale: boolean }
  /** Committed on the old writer within the replication lag of an unplanned failover: the RPO. */
  | { kind: 'lost'; at: number; orderId: string; region: string; reason: string }
  /** Committed, then thrown away for any other reason (e.g. on an unfenced old writer after the failover began). */
  | { kind: 'discarded'; at: number; orderId: string; region: string; reason: string };

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

export interface ExecutionView {
  id: string;
  /** The region it activates (and runs in). */
  region: string;
  startedAt: number;
  /** Its execution-level TimeoutSeconds. */
  boundSeconds: number;
  status: ExecutionStatus;
  endedAt?: number;
  /** Whether it published its outcome to the operations topic. */
  notified: boolean;
  /**
   * A failover (AllowDataLoss) whose promotion was accepted: whether the old region was serving (up, and
   * its /health passing Route 53's checks) when the preflight looked at it, and whether the start was
   * forced with a reason. Optional: a trace without it had no such promotion.
   */
  dataLossPromotion?: { at: number; oldRegion: string; oldRegionServing: boolean; forced: boolean };
  /**
   * Where its task token was sent, and when: the approval queue that only the approver role reads, or
   * the operations topic, whose every subscriber receives it. Optional: a trace without it asked for
   * no approval.
   */
  tokenSent?: { at: number; to: 'approval-queue' | 'operations-topic' }[];
}

/** Everything observed during one step, (t - 1, t]. */
export interface Step {
  t: number;
  /** Regions clients can reach. */
  regionsUp: Record<string, boolean>;
  /** The region Route 53 answers the API name with at the end of the step. */
  dnsAnswer: string;
  submitted: number;
  commits: CommitAttempt[];
  orders: OrderEvent[];
  /** Every execution started so far. */
  executions: ExecutionView[];
  /**
   * Every time a region's watchdog (region-fence's per-minute sync) took the authority back from a
   * recovery that could not end, so far; its alarm tells the operations topic. Optional: a trace without
   * it has none.
   */
  reclaims?: { region: string; at: number }[];
}

export interface CheckerConfig {
  maxAgeSeconds: number;
  /** After a failed recovery, some region must acknowledge and process orders again within this many seconds. */
  serverBoundSeconds: number;
  /** When the first fault happened (null: no fault), for the RTO. */
  firstFaultAt: number | null;
  /** The submission interval (1 / rate), for the availability gaps. */
  orderIntervalSeconds: number;
  /** The scenario's end, for the last availability gap. */
  duration: number;
  /**
   * How long after an execution's bound the other region's watchdog may take to conclude it when the
   * execution's own region is down (it acts at its first sync after the bound): two sync periods.
   */
  watchdogGraceSeconds?: number;
}

export interface InvariantResult {
  name: InvariantName;
  held: boolean;
  firstViolationAt: number | null;
  detail: string;
}

export interface OrderCounts {
  submitted: number;
  acknowledged: number;
  /** Never acknowledged: every try was answered 503 or not at all, and the client was told so. */
  refusedNotAcknowledged: number;
  processed: number;
  rejected: number;
  rejectedStale: number;
  stranded: number;
  lostInFailover: number;
  processedTwice: number;
  processedByNonWriter: number;
}

export interface Availability {
  unavailableSeconds: number;
  longestGapSeconds: number;
}

interface OrderRecord {
  orderId: string;
  region: string;
  ackAt: number;
  inserts: { at: number; region: string; globalWriter: boolean }[];
  /** Inserts still standing (not discarded or lost). */
  standing: number;
  rejected?: { reason: string; stale: boolean };
  lost: boolean;
  stranded: boolean;
  /** Past its age while its region was down: lost with the region unless it is processed later. */
  parked: boolean;
  byNonWriter: boolean;
}

/** The per-order bookkeeping every invariant and figure reads. */
export class Ledger {
  readonly orders = new Map<string, OrderRecord>();
  /** Orders in acknowledgement order that have not yet reached their age limit. */
  private young: OrderRecord[] = [];
  private youngHead = 0;
  /** Parked orders per region, rechecked maxAge after the region is back. */
  private parked = new Map<string, OrderRecord[]>();
  submitted = 0;
  refused = 0;

  constructor(
    private readonly maxAgeSeconds: number,
    /** STALE_REJECTION_GRACE_SECONDS: how long past its limit an order may wait for its stale rejection. */
    private readonly graceSeconds = STALE_REJECTION_GRACE_SECONDS,
  ) {}

  settled(o: OrderRecord): boolean {
    return o.standing > 0 || o.rejected !== undefined || o.lost;
  }

  apply(step: Step, report: (invariant: InvariantName, at: number, detail: string) => void): void {
    this.submitted += step.submitted;
    for (const e of step.orders) {
      if (e.kind === 'acked') {
        const o: OrderRecord = { orderId: e.orderId, region: e.region, ackAt: e.at, inserts: [], standing: 0, lost: false, stranded: false, parked: false, byNonWriter: false };
        this.orders.set(e.orderId, o);
        this.young.push(o);
        continue;
      }
      if (e.kind === 'refused') {
        this.refused++;
        continue;
      }
      const o = this.orders.get(e.orderId);
      if (!o) continue;
      switch (e.kind) {
        case 'committed':
          o.inserts.push({ at: e.at, region: e.region, globalWriter: e.globalWriter });
          o.standing++;
          if (!e.globalWriter) o.byNonWriter = true;
          if (o.inserts.length === 2) report('acknowledged-orders-accounted', e.at, `order ${o.orderId} was executed twice (in ${o.inserts[0]!.region} at ${fmt(o.inserts[0]!.at)} and in ${e.region} at ${fmt(e.at)})`);
          if (e.at - o.ackAt > this.maxAgeSeconds) report('no-late-execution', e.at, `order ${o.orderId}, acknowledged by ${o.region} at ${fmt(o.ackAt)}, was executed in ${e.region} at ${fmt(e.at)}, ${fmt(e.at - o.ackAt)} later (limit ${this.maxAgeSeconds} s)`);
          break;
        case 'rejected':
          o.rejected = { reason: e.reason, stale: e.stale };
          break;
        case 'lost':
          o.standing = Math.max(0, o.standing - 1);
          o.lost = true;
          break;
        case 'discarded':
          o.standing = Math.max(0, o.standing - 1);
          if (o.standing === 0 && o.rejected === undefined) {
            report('acknowledged-orders-accounted', e.at, `order ${o.orderId}, executed in ${e.region}, was thrown away at ${fmt(e.at)} (${e.reason}); it is neither processed nor rejected nor within the failover's RPO`);
          }
          break;
      }
    }
    // Orders reaching their age limit (plus the grace for the stale rejection): settled, lost with their region, or stranded.
    while (this.youngHead < this.young.length && this.young[this.youngHead]!.ackAt + this.maxAgeSeconds + this.graceSeconds <= step.t) {
      const o = this.young[this.youngHead++]!;
      if (this.settled(o)) continue;
      if (step.regionsUp[o.region] === false) {
        o.parked = true;
        const list = this.parked.get(o.region) ?? [];
        list.push(o);
        this.parked.set(o.region, list);
      } else {
        o.stranded = true;
        report('acknowledged-orders-accounted', step.t, `order ${o.orderId}, acknowledged by ${o.region} at ${fmt(o.ackAt)}, is still waiting in a queue after ${this.maxAgeSeconds} s (+ ${this.graceSeconds} s for its stale rejection) with ${o.region} up (stranded)`);
      }
    }
    if (this.youngHead > 4096) {
      this.young = this.young.slice(this.youngHead);
      this.youngHead = 0;
    }
  }

  /** Parked orders of regions that are up again: stranded if still unsettled `maxAge` after the return. */
  recheckParked(step: Step, returnedAt: Map<string, number>, report: (invariant: InvariantName, at: number, detail: string) => void): void {
    for (const [region, list] of this.parked) {
      const back = returnedAt.get(region);
      if (back === undefined || step.t < back + this.maxAgeSeconds) continue;
      for (const o of list) {
        if (this.settled(o)) continue;
        o.stranded = true;
        report('acknowledged-orders-accounted', step.t, `order ${o.orderId} from before ${region} was lost is still waiting in its queue ${this.maxAgeSeconds} s after ${region} returned at ${fmt(back)}: neither rejected as stale nor processed`);
      }
      this.parked.delete(region);
    }
  }

  counts(): OrderCounts {
    const c: OrderCounts = { submitted: this.submitted, acknowledged: this.orders.size, refusedNotAcknowledged: this.refused, processed: 0, rejected: 0, rejectedStale: 0, stranded: 0, lostInFailover: 0, processedTwice: 0, processedByNonWriter: 0 };
    for (const o of this.orders.values()) {
      if (o.stranded) c.stranded++;
      if (o.byNonWriter) c.processedByNonWriter++;
      if (o.inserts.length >= 2) c.processedTwice++;
      else if (o.standing > 0) c.processed++;
      else if (o.rejected) o.rejected.stale ? c.rejectedStale++ : c.rejected++;
      else if (o.lost || o.parked) c.lostInFailover++;
    }
    return c;
  }

  /**
   * Client-side gaps: time between consecutive orders that were acknowledged and then processed in time
   * (within `maxAge` of the acknowledgement; an order executed later did not serve the client).
   */
  availability(orderInterval: number, duration: number, maxAge: number): Availability {
    const good = [...this.orders.values()]
      .filter((o) => o.standing > 0 && o.inserts.some((x) => x.at - o.ackAt <= maxAge))
      .map((o) => o.ackAt)
      .sort((a, b) => a - b);
    let unavailable = 0;
    let longest = 0;
    const gap = (from: number, to: number) => {
      const g = Math.max(0, to - from - orderInterval);
      unavailable += g;
      longest = Math.max(longest, g);
    };
    // The first good order is due at 0; the scenario's end closes the last gap.
    gap(-orderInterval, good[0] ?? duration);
    for (let i = 1; i < good.length; i++) gap(good[i - 1]!, good[i]!);
    if (good.length) gap(good[good.length - 1]!, duration);
    return { unavailableSeconds: round(unavailable), longestGapSeconds: round(longest) };
  }

  /**
   * From the first fault to the first order acknowledged after it and processed in a recovered region:
   * the target of a recovery started after the fault (the caller passes the recoveries that promoted
   * their region or succeeded).
   */
  rto(firstFaultAt: number | null, executions: ExecutionView[]): number | null {
    if (firstFaultAt === null) return null;
    const recoveries = executions.filter((e) => e.startedAt >= firstFaultAt);
    let best: number | null = null;
    for (const o of this.orders.values()) {
      if (o.ackAt < firstFaultAt || o.standing === 0) continue;
      for (const ins of o.inserts) {
        if (recoveries.some((r) => r.region === ins.region && ins.at >= r.startedAt) && (best === null || ins.at < best)) best = ins.at;
      }
    }
    return best === null ? null : round(best - firstFaultAt);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
export const fmt = (t: number) => `${round(t)} s`;

/** Checks every invariant on every step; `finish` closes the run and returns the verdicts. */
export class InvariantChecker {
  readonly ledger: Ledger;
  private readonly first = new Map<InvariantName, { at: number; detail: string; count: number }>();
  private readonly returnedAt = new Map<string, number>();
  private lastUp: Record<string, boolean> = {};
  // no-failback-without-request: the region the last successful recovery activated, and whether Route 53 has answered with it since.
  private active: { region: string; since: number; dnsMoved: boolean } | null = null;
  private readonly seenExecutions = new Map<string, ExecutionView>();
  private readonly flaggedExecutions = new Set<string>();
  private readonly flaggedDataLoss = new Set<string>();
  private readonly flaggedTokens = new Set<string>();
  // failed-recovery-keeps-a-server: open deadlines.
  private readonly failures: { id: string; region: string; startedAt: number; at: number; deadline: number }[] = [];
  // recovery-terminates: executions whose region was down when they should have ended, waiting for the
  // other region's watchdog.
  private readonly orphans: { e: ExecutionView; why: string; at: number; deadline: number }[] = [];
  private lastStep: Step | null = null;

  constructor(private readonly config: CheckerConfig) {
    this.ledger = new Ledger(config.maxAgeSeconds);
  }

  private report = (name: InvariantName, at: number, detail: string): void => {
    const f = this.first.get(name);
    if (f) f.count++;
    else this.first.set(name, { at: round(at), detail, count: 1 });
  };

  observe(step: Step): void {
    this.lastStep = step;
    for (const [region, up] of Object.entries(step.regionsUp)) {
      if (up && this.lastUp[region] === false) this.returnedAt.set(region, step.t);
      this.lastUp[region] = up;
    }
    this.ledger.apply(step, this.report);
    this.ledger.recheckParked(step, this.returnedAt, this.report);
    this.singleWriter(step);
    this.nonWriter(step);
    this.executions(step);
    this.failback(step);
    this.keepsAServer(step);
    this.unforcedDataLoss(step);
    this.tokenOnlyToApprovers(step);
  }

  /** Whoever holds a task token can answer the recovery: it goes to the approvers' queue and nowhere else. */
  private tokenOnlyToApprovers(step: Step): void {
    for (const e of step.executions) {
      const leak = e.tokenSent?.find((s) => s.to !== 'approval-queue');
      if (!leak || this.flaggedTokens.has(e.id)) continue;
      this.flaggedTokens.add(e.id);
      this.report('approval-token-only-to-approvers', leak.at, `execution ${e.id} into ${e.region} sent its task token to the ${leak.to} at ${fmt(leak.at)}, where others than the approvers can read it and answer the recovery`);
    }
  }

  /** A data-loss failover away from a region that serves needs a person who forced it with a reason. */
  private unforcedDataLoss(step: Step): void {
    for (const e of step.executions) {
      const p = e.dataLossPromotion;
      if (!p || !p.oldRegionServing || p.forced || this.flaggedDataLoss.has(e.id)) continue;
      this.flaggedDataLoss.add(e.id);
      this.report('no-unforced-data-loss-failover', p.at, `execution ${e.id} into ${e.region} promoted with AllowDataLoss at ${fmt(p.at)} although ${p.oldRegion} was serving when its preflight looked, and nobody forced it`);
    }
  }

  private singleWriter(step: Step): void {
    const committing = [...new Set(step.commits.filter((c) => c.ok).map((c) => c.region))].sort();
    if (committing.length > 1) this.report('single-writer-processing', step.t, `${committing.join(' and ')} both committed trades in the step ending at ${fmt(step.t)}`);
  }

  private nonWriter(step: Step): void {
    for (const c of step.commits) {
      if (!c.globalWriter) {
        this.report('no-processing-on-non-writer', c.at, `the trade processor in ${c.region} attempted a commit at ${fmt(c.at)} against its cluster, which is not the global writer (${c.ok ? 'the commit succeeded' : `refused: ${c.detail ?? 'error'}`})`);
      }
    }
  }

  /**
   * An execution whose own region is down cannot end or notify: nothing in that region runs. It counts
   * as concluded when the other region's watchdog takes the authority back (and its alarm notifies)
   * within the grace after the execution's bound; the failure, for the server deadline, is that moment.
   */
  private orphaned(step: Step, e: ExecutionView, why: string, at: number): boolean {
    const grace = this.config.watchdogGraceSeconds;
    if (grace === undefined || step.regionsUp[e.region] !== false) return false;
    // The watchdog runs in the other region and starts counting when it sees itself turned off: if that
    // region was down after the execution started, the bound runs from its return.
    const back = Math.max(e.startedAt, ...[...this.returnedAt].filter(([r]) => r !== e.region).map(([, t]) => t));
    if (!this.orphans.some((o) => o.e.id === e.id)) this.orphans.push({ e: { ...e }, why, at, deadline: back + e.boundSeconds + grace });
    return true;
  }

  private watchdogs(step: Step): void {
    for (let i = this.orphans.length - 1; i >= 0; i--) {
      const o = this.orphans[i]!;
      // Still down: the bound runs from its return.
      const otherDown = Object.entries(step.regionsUp).some(([r, up]) => r !== o.e.region && !up);
      if (otherDown) o.deadline = Math.max(o.deadline, step.t + o.e.boundSeconds + (this.config.watchdogGraceSeconds ?? 0));
      const reclaim = (step.reclaims ?? []).find((r) => r.region !== o.e.region && r.at >= o.e.startedAt && r.at <= o.deadline);
      if (reclaim) {
        this.orphans.splice(i, 1);
        this.failures.push({ id: o.e.id, region: o.e.region, startedAt: o.e.startedAt, at: reclaim.at, deadline: reclaim.at + this.config.serverBoundSeconds });
      } else if (step.t > o.deadline) {
        this.orphans.splice(i, 1);
        this.report('recovery-terminates', o.at, `${o.why}; its region was down and no watchdog in the other region took the authority back by ${fmt(o.deadline)}`);
        // Nobody concluded it: it failed when it should have ended.
        this.failures.push({ id: o.e.id, region: o.e.region, startedAt: o.e.startedAt, at: o.at, deadline: o.at + this.config.serverBoundSeconds });
      }
    }
  }

  private executions(step: Step): void {
    for (const e of step.executions) {
      const before = this.seenExecutions.get(e.id);
      this.seenExecutions.set(e.id, { ...e });
      if (e.status === 'RUNNING') {
        if (step.t > e.startedAt + e.boundSeconds && !this.flaggedExecutions.has(e.id)) {
          this.flaggedExecutions.add(e.id);
          const why = `execution ${e.id} into ${e.region}, started at ${fmt(e.startedAt)}, is still running after its bound of ${e.boundSeconds} s`;
          if (!this.orphaned(step, e, why, step.t)) this.report('recovery-terminates', step.t, why);
        }
        continue;
      }
      if (before && before.status !== 'RUNNING') continue;
      const endedAt = e.endedAt ?? step.t;
      let orphan = false;
      if (!this.flaggedExecutions.has(e.id)) {
        const why =
          e.status === 'TIMED_OUT' ? `execution ${e.id} into ${e.region} timed out at ${fmt(endedAt)} without notifying`
          : !e.notified ? `execution ${e.id} into ${e.region} ended ${e.status} at ${fmt(endedAt)} without notifying the operations topic`
          : endedAt - e.startedAt > e.boundSeconds ? `execution ${e.id} into ${e.region} took ${fmt(endedAt - e.startedAt)}, beyond its bound of ${e.boundSeconds} s`
          : null;
        if (why !== null) {
          orphan = !e.notified && this.orphaned(step, e, why, endedAt);
          if (!orphan) this.report('recovery-terminates', endedAt, why);
        }
      } else orphan = this.orphans.some((o) => o.e.id === e.id);
      if (e.status === 'SUCCEEDED') this.active = { region: e.region, since: endedAt, dnsMoved: false };
      if (!orphan && (e.status === 'FAILED' || e.status === 'TIMED_OUT')) this.failures.push({ id: e.id, region: e.region, startedAt: e.startedAt, at: endedAt, deadline: endedAt + this.config.serverBoundSeconds });
    }
    this.watchdogs(step);
    // A recovery into another region is a request to move: it ends the previous one's claim.
    if (this.active) {
      const active = this.active;
      if (step.executions.some((e) => e.region !== active.region && e.startedAt > active.since)) this.active = null;
    }
  }

  private failback(step: Step): void {
    const active = this.active;
    if (!active) return;
    if (step.dnsAnswer === active.region) active.dnsMoved = true;
    else if (active.dnsMoved) this.report('no-failback-without-request', step.t, `after the recovery into ${active.region} (done at ${fmt(active.since)}), Route 53 answers with ${step.dnsAnswer} at ${fmt(step.t)} although no recovery into ${step.dnsAnswer} was started`);
    for (const c of step.commits) {
      if (c.ok && c.region !== active.region && c.at > active.since) {
        this.report('no-failback-without-request', c.at, `after the recovery into ${active.region} (done at ${fmt(active.since)}), ${c.region} committed trades at ${fmt(c.at)} although no recovery into ${c.region} was started`);
      }
    }
  }

  /**
   * A failed recovery must not leave the platform without a server: if some region was serving when
   * the recovery started (an order acknowledged in the bound before the start was processed in time),
   * some region acknowledges and processes an order within the bound after the failure. A recovery
   * that started with nothing serving (the outage it was meant to end) is not held to that.
   */
  private keepsAServer(step: Step): void {
    const bound = this.config.serverBoundSeconds;
    const maxAge = this.config.maxAgeSeconds;
    for (let i = this.failures.length - 1; i >= 0; i--) {
      const f = this.failures[i]!;
      if (step.t < f.deadline) continue;
      this.failures.splice(i, 1);
      const orders = [...this.ledger.orders.values()];
      const wasServing = orders.some((o) => o.ackAt >= f.startedAt - bound && o.ackAt <= f.startedAt && o.inserts.some((x) => x.at - o.ackAt <= maxAge));
      if (!wasServing) continue;
      const served = orders.some((o) => o.ackAt >= f.at && o.ackAt <= f.deadline && o.inserts.some((x) => x.at <= f.deadline));
      if (!served) {
        this.report('failed-recovery-keeps-a-server', f.deadline, `execution ${f.id} into ${f.region}, started at ${fmt(f.startedAt)} while the platform was serving, failed at ${fmt(f.at)}, and no region acknowledged and processed an order within ${bound} s after it`);
      }
    }
  }

  finish(): InvariantResult[] {
    // Deadlines past the end cannot be judged: the scenario ended first.
    return INVARIANTS.map((name) => {
      const f = this.first.get(name);
      return f
        ? { name, held: false, firstViolationAt: f.at, detail: f.count > 1 ? `${f.detail} (and ${f.count - 1} more)` : f.detail }
        : { name, held: true, firstViolationAt: null, detail: HELD[name] };
    });
  }

  get lastObserved(): Step | null {
    return this.lastStep;
  }
}

const HELD: Record<InvariantName, string> = {
  'single-writer-processing': 'at no step did two regions commit trades',
  'no-processing-on-non-writer': 'every commit attempt went to the global writer',
  'acknowledged-orders-accounted': 'every acknowledged order was processed once, rejected with a reason, lost within the RPO, or is still within its age limit',
  'no-late-execution': 'no order was executed after its age limit',
  'no-failback-without-request': 'traffic and processing stayed in the recovered region',
  'recovery-terminates': 'every execution ended and notified within its bound, or, with its region down, the other region\'s watchdog took the authority back within two sync periods after it (after the other region\'s return, if it was down too)',
  'failed-recovery-keeps-a-server': 'after every failed recovery that started while the platform was serving, a region acknowledged and processed orders within the bound',
  'no-unforced-data-loss-failover': 'no failover with AllowDataLoss was promoted away from a serving region unless a person forced it with a reason',
  'approval-token-only-to-approvers': 'every task token went only to the approval queue that the approver role reads',
};
