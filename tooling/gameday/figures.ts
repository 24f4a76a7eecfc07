// The measured figures, computed from what the game day recorded (pure; the tests feed it scripted
// timelines). They follow the lifecycle drill's definitions (tooling/drill/lifecycle/invariants.ts) so
// the two can stand side by side:
//   - availability: the gaps between consecutive orders that were acknowledged and processed within
//     the maximum order age, less one order interval, from the first order due to the end of the load;
//   - rtoSeconds: per leg, from the start of the switchover to the first order acknowledged after it
//     and processed in the region it activated (the drill measures this from a fault; a planned
//     switchover has none, so the start of the execution stands for it);
//   - lostInFailover: acknowledged, never processed anywhere, and not rejected as stale.
import type { Availability, OrderCounts } from '../drill/lifecycle/invariants.ts';
import { RTO_FIGURES } from '../rto/figures.ts';
import type { DnsSample } from './dns.ts';
import type { GamedayEnvironment } from './environment.ts';
import type { ExecutionOutcome } from './execution.ts';
import type { OrderRecord, Refusals } from './load.ts';

export interface Leg {
  name: 'switchover' | 'failback';
  from: string;
  target: string;
  /** Seconds since the start of the game day; null when the leg never started. */
  startedAt: number | null;
  endedAt: number | null;
  executionArn: string | null;
  outcome: ExecutionOutcome;
}

export interface LegFigures {
  /** From the start of the leg to the first DNS answer pointing to the target. */
  dnsSeconds: number | null;
  /** The first order acknowledged after the start and processed in the target (written there, not a replica). */
  firstProcessed: { orderId: string; ackSeconds: number; processedSeconds: number } | null;
}

export interface Budget {
  rtoBudgetSeconds: number;
  rtoSource: string;
  dnsBudgetSeconds: number;
  dnsSource: string;
  lostInFailover: 0;
}

export function budgetOf(env: GamedayEnvironment): Budget {
  const { authority_change: authority, dns_alias_ttl: ttl, health_check_interval: interval } = RTO_FIGURES;
  const healthy = interval.seconds * env.healthCheckFailureThreshold;
  return {
    rtoBudgetSeconds: env.rtoBudgetSeconds,
    rtoSource: `${env.file}: rto_budget_seconds (the total plan-lint checks the computed budget against)`,
    // tooling/rto/budget.ts's DNS part (alias caching + the new region's check turning healthy) plus the authority change before it.
    dnsBudgetSeconds: authority.seconds + ttl.seconds + healthy,
    dnsSource: `rto-figures.json: authority_change ${authority.seconds} s + dns_alias_ttl ${ttl.seconds} s + health_check_interval ${interval.seconds} s x failure threshold ${env.healthCheckFailureThreshold}`,
    lostInFailover: 0,
  };
}

export function legFigures(leg: Leg, samples: DnsSample[], orders: OrderRecord[]): LegFigures {
  if (leg.startedAt === null) return { dnsSeconds: null, firstProcessed: null };
  const start = leg.startedAt;
  const flip = samples.find((s) => s.t >= start && s.region === leg.target);
  let first: LegFigures['firstProcessed'] = null;
  for (const o of orders) {
    if (o.ackAt === null || o.ackAt < start || !o.processed || o.processed.replica || o.processed.region !== leg.target) continue;
    if (!first || o.processed.at < first.processedSeconds + start) first = { orderId: o.orderId, ackSeconds: round(o.ackAt - start), processedSeconds: round(o.processed.at - start) };
  }
  return { dnsSeconds: flip ? round(flip.t - start) : null, firstProcessed: first };
}

export function orderCounts(orders: OrderRecord[]): OrderCounts {
  const c: OrderCounts = { submitted: orders.length, acknowledged: 0, refusedNotAcknowledged: 0, processed: 0, rejected: 0, rejectedStale: 0, stranded: 0, lostInFailover: 0, processedTwice: 0, processedByNonWriter: 0 };
  for (const o of orders) {
    if (o.ackAt === null) {
      if (o.gaveUp !== null) c.refusedNotAcknowledged++;
      continue;
    }
    c.acknowledged++;
    if (o.processed) c.processed++;
    else if (o.rejectedStale) c.rejectedStale++;
    else c.lostInFailover++;
  }
  return c;
}

/** The acknowledged orders never processed nor rejected: lost. */
export function lostOrders(orders: OrderRecord[]): string[] {
  return orders.filter((o) => o.ackAt !== null && !o.processed && !o.rejectedStale).map((o) => o.orderId);
}

/** The drill's availability over the load: `from`/`to` in seconds since the start, `interval` between orders. */
export function availability(orders: OrderRecord[], from: number, to: number, interval: number, maxAgeSeconds: number): Availability {
  const good = orders
    .filter((o) => o.ackAt !== null && o.processed && o.processed.at - o.ackAt <= maxAgeSeconds)
    .map((o) => o.ackAt! - from)
    .sort((a, b) => a - b);
  const duration = to - from;
  let unavailable = 0;
  let longest = 0;
  const gap = (a: number, b: number) => {
    const g = Math.max(0, b - a - interval);
    unavailable += g;
    longest = Math.max(longest, g);
  };
  gap(-interval, good[0] ?? duration);
  for (let i = 1; i < good.length; i++) gap(good[i - 1]!, good[i]!);
  if (good.length) gap(good[good.length - 1]!, duration);
  return { unavailableSeconds: round(unavailable), longestGapSeconds: round(longest) };
}

export interface Verdict {
  ok: boolean;
  reasons: string[];
}

export function verdictOf(legs: Leg[], figures: LegFigures[], lost: string[], budget: Budget): Verdict {
  const reasons: string[] = [];
  legs.forEach((leg, i) => {
    const f = figures[i]!;
    const what = `${leg.name} into ${leg.target}`;
    if (leg.outcome.status !== 'SUCCEEDED') {
      reasons.push(`${what} ${leg.outcome.status === 'NOT_STARTED' ? 'did not start' : `ended ${leg.outcome.status}`}${leg.outcome.error ? ` (${leg.outcome.error}${leg.outcome.cause ? `: ${leg.outcome.cause}` : ''})` : ''}`);
      return;
    }
    if (leg.outcome.validatorReady !== true) reasons.push(`${what} succeeded but its output carries no ready verdict of the failover-validator`);
    if (f.dnsSeconds === null) reasons.push(`after the ${what}, the shared name never resolved to ${leg.target}`);
    else if (f.dnsSeconds > budget.dnsBudgetSeconds) reasons.push(`${what}: the shared name resolved to ${leg.target} ${f.dnsSeconds} s after the start, over the ${budget.dnsBudgetSeconds} s DNS budget`);
    if (f.firstProcessed === null) reasons.push(`after the ${what}, no order acknowledged after the start was processed in ${leg.target}`);
    else if (f.firstProcessed.processedSeconds > budget.rtoBudgetSeconds) reasons.push(`${what}: the first order processed in ${leg.target} came ${f.firstProcessed.processedSeconds} s after the start, over the ${budget.rtoBudgetSeconds} s budget`);
  });
  if (lost.length) reasons.push(`${lost.length} acknowledged order(s) never processed: ${lost.slice(0, 20).join(', ')}${lost.length > 20 ? ', ...' : ''}`);
  if (legs.length < 2) reasons.push('the failback was not started');
  return { ok: reasons.length === 0, reasons };
}

export type { Refusals };

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
