// The shipped lifecycle scenarios: they run to their end, and the invariants they violate are exactly
// the known failures listed (a new violation, or a listed one that starts to hold, fails here). Plus
// the behaviours the README's figures and the authority's design rest on.
import { describe, expect, it } from 'vitest';
import { runScenarioFile } from '../../../../tooling/drill/lifecycle/cli.ts';
import { lifecycleFigures } from '../../../../tooling/drill/lifecycle/figures.ts';
import { compareWithKnownFailures, loadKnownFailures } from '../../../../tooling/drill/lifecycle/known-failures.ts';
import { toJson } from '../../../../tooling/drill/lifecycle/report.ts';
import { loadScenarioFile, parseScenario, shippedScenarioFiles } from '../../../../tooling/drill/lifecycle/scenario.ts';
import { runLifecycle, type LifecycleResult } from '../../../../tooling/drill/lifecycle/simulate.ts';
import { LIFECYCLE_TIMING } from '../../../../tooling/drill/lifecycle/timing.ts';
import { DEFAULT_SERVING_LEASE_SECONDS } from '../../../../functions/shared/serving-flag.ts';

const files = shippedScenarioFiles();
const results = new Map<string, LifecycleResult>();
const named = async (name: string) => {
  const cached = results.get(name);
  if (cached) return cached;
  const r = await runScenarioFile(loadScenarioFile(files.find((f) => f.endsWith(`/${name}.json`))!));
  results.set(name, r);
  return r;
};
const entries = (r: LifecycleResult, pattern: RegExp) => r.timeline.filter((e) => pattern.test(e.what));
const PROMOTION = LIFECYCLE_TIMING.promotion.seconds;
/** A failover whose fence did not reach the old region waits the old region's serving-flag lease out (+ 10 s) before promoting. */
const LEASE_WAIT = DEFAULT_SERVING_LEASE_SECONDS + 10;

describe('shipped lifecycle scenarios', () => {
  it.each(files.map((f) => [f.split('/').pop()!.replace(/\.json$/, '')]))('%s runs to its end', async (name) => {
    const r = await named(name);
    expect(r.scenario.name).toBe(name);
    expect(r.orders.submitted).toBe(Math.ceil(r.scenario.duration * r.scenario.orders.ratePerSecond));
    // Every execution the scenario started ended (none of today's runs hits its bound).
    for (const e of r.executions) expect(e.status).not.toBe('RUNNING');
  }, 120_000);

  it('violate exactly the known failures', async () => {
    for (const f of files) await named(f.split('/').pop()!.replace(/\.json$/, ''));
    const comparison = compareWithKnownFailures([...results.values()].map((r) => ({ scenario: r.scenario.name, invariants: r.invariants })), loadKnownFailures());
    expect(comparison).toEqual({ unexpected: [], nowHolding: [], unmatched: [] });
  }, 300_000);
});

describe('what the scenarios show', () => {
  it('planned switchover: the authority moves first, the old region answers 503 instead of queueing, and both runs succeed', async () => {
    const r = await named('planned-switchover-and-failback');
    expect(r.orders.lostInFailover).toBe(0);
    expect(r.rtoSeconds).toBeNull();
    // The validator runs after the settle wait, when the new region's check has turned healthy.
    expect(r.executions.map((e) => [e.region, e.status, e.authorized, e.fenced, e.activated])).toEqual([
      ['us-east-2', 'SUCCEEDED', true, true, true],
      ['us-east-1', 'SUCCEEDED', true, true, true],
    ]);
    expect(entries(r, /routing controls: us-east-1 Off, us-east-2 On/)).toHaveLength(1);
    // While neither region can take writes (the promotion), clients are refused, never acknowledged.
    expect(entries(r, /orders to us-east-1 refused with 503/).length).toBeGreaterThan(0);
    expect(r.orders.refusedNotAcknowledged).toBeGreaterThan(0);
    expect(r.orders.acknowledged + r.orders.refusedNotAcknowledged).toBe(r.orders.submitted);
  }, 120_000);

  it('failover under replication lag: the unreplicated 8 s of commits are lost, and only they', async () => {
    const r = await named('failover-under-replication-lag');
    // 8 s at 2 orders/s are committed but not replicated; the order queued at the outage is lost with its region.
    expect(r.orders.lostInFailover).toBeGreaterThanOrEqual(16);
    expect(r.orders.lostInFailover).toBeLessThanOrEqual(18);
    expect(r.invariants.every((i) => i.held)).toBe(true);
    // RTO from the outage (600 s), not from the lag: detection, the start at 720 s, the promotion and DNS.
    expect(r.rtoSeconds).toBeGreaterThan(720 - 600 + PROMOTION);
    expect(r.rtoSeconds).toBeLessThan(720 - 600 + PROMOTION + LEASE_WAIT + 150);
  }, 120_000);

  it('primary returns unfenced: its own sync turns its switches off within a minute, Route 53 keeps it out, and nothing is committed on it', async () => {
    const r = await named('primary-lost-returns-unfenced');
    expect(entries(r, /region-fence of us-east-1: NOT fenced/)).toHaveLength(1);
    expect(r.refences).toHaveLength(1);
    expect(r.refences[0]!.seconds).toBeGreaterThan(0);
    expect(r.refences[0]!.seconds).toBeLessThanOrEqual(LIFECYCLE_TIMING.syncSchedule.seconds);
    const back = r.refences[0]!.returnedAt;
    expect(r.timeline.filter((e) => e.region === 'route53' && e.t >= back && /answers us-east-1/.test(e.what))).toHaveLength(0);
    expect(r.orders.processedByNonWriter).toBe(0);
    expect(r.orders.processedTwice).toBe(0);
    expect(r.invariants.every((i) => i.held)).toBe(true);
    expect(r.rtoSeconds).toBeGreaterThan(300 - 120 + 60 + PROMOTION);
    expect(r.rtoSeconds).toBeLessThan(300 - 120 + 60 + PROMOTION + LEASE_WAIT + 150);
  }, 120_000);

  it('a returned region stays out of DNS while its routing control is Off: its failover record follows the routing control check alone', async () => {
    const r = await named('arc-endpoints-partly-down-during-failover');
    const back = r.refences[0]!.returnedAt;
    expect(entries(r, /Route 53 failover record healthy/).some((e) => e.region === 'us-east-1' && e.t > back)).toBe(false);
    expect(entries(r, /both records unhealthy/)).toHaveLength(0);
    expect(r.timeline.filter((e) => e.region === 'route53' && e.t > back && /answers us-east-1/.test(e.what))).toHaveLength(0);
  }, 120_000);

  it('fence fails during a switchover: the run fails closed before the promotion, moves the authority back, and us-east-1 keeps serving', async () => {
    const r = await named('fence-fails-during-switchover');
    expect(r.executions[0]).toMatchObject({ status: 'FAILED', error: 'FenceFailed', authorized: true, fenced: false, notified: true });
    expect(r.executions[0]!.promotion).toBeUndefined();
    expect(entries(r, /switchoverGlobalCluster accepted/)).toHaveLength(0);
    expect(entries(r, /routing controls: /).map((e) => e.what)).toEqual(['routing controls: us-east-1 Off, us-east-2 On', 'routing controls: us-east-1 On, us-east-2 Off']);
    // DNS follows the authority while it names us-east-2 (from the authorize to the restore); us-east-2
    // is not active, so its API refuses those orders with 503 and the clients retry: refused, never lost.
    expect(r.timeline.filter((e) => e.region === 'route53').map((e) => e.what).slice(-2)).toEqual(['answers us-east-2', 'answers us-east-1']);
    expect(entries(r, /orders to us-east-2 are acknowledged/)).toHaveLength(0);
    expect(r.availability.unavailableSeconds).toBeLessThan(30);
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('partition with automatic failover: the canary fails but Route 53 sees us-east-1 healthy, so no failover starts', async () => {
    const r = await named('partition-automatic-failover');
    expect(r.executions).toHaveLength(0);
    expect(entries(r, /primary-probe: healthy \(own GET failed, Route 53 view healthy/)).toHaveLength(1);
    expect(entries(r, /primary-probe: unhealthy/)).toHaveLength(0);
    expect(r.orders.lostInFailover).toBe(0);
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('primary lost with automatic failover: both vantage points agree, the failover starts by itself after the alarm\'s minutes', async () => {
    const r = await named('primary-lost-automatic-failover');
    expect(r.executions).toHaveLength(1);
    expect(r.executions[0]).toMatchObject({ trigger: 'automatic', mode: 'failover', region: 'us-east-2', authorized: true });
    expect(entries(r, /primary-probe: unhealthy \(own GET failed, Route 53 view unhealthy, us-east-1 routing control On\)/)).toHaveLength(1);
    expect(r.executions[0]!.startedAt).toBeGreaterThanOrEqual(120 + r.figures.probeFailureDatapoints * LIFECYCLE_TIMING.probeInterval.seconds - LIFECYCLE_TIMING.probeInterval.seconds);
    expect(r.refences[0]!.seconds).toBeLessThanOrEqual(LIFECYCLE_TIMING.syncSchedule.seconds);
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('promotion never completes: the poll bound ends the run, and the restore, for the run\'s own timed-out promotion with the old region still the writer, gives it the authority and its switches back', async () => {
    const r = await named('promotion-never-completes');
    expect(r.executions[0]).toMatchObject({ status: 'FAILED', error: 'PromotionTimedOut', notified: true, restored: true });
    expect(r.executions[0]!.promotion).toMatchObject({ to: null });
    expect(entries(r, /routing controls: /).map((e) => e.what).at(-1)).toBe('routing controls: us-east-1 On, us-east-2 Off');
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('primary returns within its lease: what its API acknowledges before its sync is committed on the old primary before the failover begins (the run waits the lease out), so nothing is thrown away', async () => {
    const r = await named('primary-returns-within-its-lease');
    const back = r.refences[0]!.returnedAt;
    expect(back).toBe(155);
    expect(r.timeline.filter((e) => e.region === 'route53' && e.t >= back && /answers us-east-1/.test(e.what))).toHaveLength(0);
    expect(entries(r, /state machine: WaitOutTheLease/)).toHaveLength(1);
    expect(entries(r, /committed order\(s\) thrown away/)).toHaveLength(0);
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('target lost during a switchover: us-east-1, still the writer, takes the authority back at its first sync after the execution timeout, and serves again; nothing is lost', async () => {
    const r = await named('target-lost-during-switchover');
    expect(r.executions[0]).toMatchObject({ status: 'TIMED_OUT', authorized: true, fenced: true, notified: false });
    expect(r.executions[0]!.promotion).toBeUndefined();
    const bound = r.executions[0]!.startedAt + r.executions[0]!.boundSeconds;
    const reclaimed = entries(r, /region-fence watchdog: authority taken back/);
    expect(reclaimed).toHaveLength(1);
    expect(reclaimed[0]!.region).toBe('us-east-1');
    // Never before the execution timeout (no execution could still act), within one sync period after it.
    expect(reclaimed[0]!.t).toBeGreaterThan(bound);
    expect(reclaimed[0]!.t).toBeLessThanOrEqual(bound + 60);
    expect(entries(r, /routing controls: us-east-1 On, us-east-2 Off/).map((e) => e.t)).toEqual([reclaimed[0]!.t]);
    expect(r.orders.lostInFailover + r.orders.stranded + r.orders.processedTwice).toBe(0);
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('a database outage without failover: the processor commits nothing while its database refuses connections, and the orders acknowledged meanwhile end rejected as stale or committed, none lost', async () => {
    const r = await named('database-outage-primary-recovers');
    expect(r.executions).toHaveLength(0);
    expect(r.orders.acknowledged).toBe(r.orders.submitted);
    expect(r.orders.processed + r.orders.rejectedStale).toBe(r.orders.acknowledged);
    expect(r.orders.rejectedStale).toBeGreaterThan(0);
    expect(r.orders.lostInFailover + r.orders.processedTwice + r.orders.processedByNonWriter).toBe(0);
    expect(r.invariants.find((i) => i.name === 'no-late-execution')!.held).toBe(true);
  }, 120_000);

  it('no ARC endpoint answers: the failover changes nothing and says so; once they answer, the next one goes through', async () => {
    const r = await named('arc-unreachable-then-failover');
    expect(r.executions[0]).toMatchObject({ status: 'FAILED', error: 'AuthorityNotChanged', authorized: false, notified: true });
    expect(r.executions[0]!.fenced).toBeUndefined();
    expect(r.executions[0]!.promotion).toBeUndefined();
    expect(r.executions[1]).toMatchObject({ authorized: true, activated: true });
    expect(entries(r, /authority unknown/).length).toBeGreaterThan(0);
  }, 120_000);

  it('three ARC endpoints down: the authority moves through the fourth, a connect timeout later per endpoint', async () => {
    const r = await named('arc-endpoints-partly-down-during-failover');
    expect(entries(r, /region-fence authorize us-east-2: authorized \(endpoint 4 of 5 answered\)/)).toHaveLength(1);
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);

  it('primary returns during approval: it serves again until the approved failover moves the authority and fences it', async () => {
    const r = await named('primary-returns-during-approval');
    expect(r.refences).toHaveLength(0);
    expect(r.executions[0]).toMatchObject({ authorized: true, fenced: true, activated: true });
    expect(r.invariants.every((i) => i.held)).toBe(true);
  }, 120_000);
});

describe('simulation', () => {
  const short = (events: unknown[], duration = 900) =>
    parseScenario({ name: 'short', title: 'short', env: 'dev', duration, orders: { ratePerSecond: 2, maxAgeSeconds: 60 }, events });

  it('is deterministic: the same scenario gives the same output', async () => {
    const s = short([{ at: 60, fault: 'region-outage', region: 'us-east-1' }, { at: 120, action: 'start-recovery', region: 'us-east-2', mode: 'failover' }]);
    const figures = await lifecycleFigures('dev');
    const [a, b] = [await runLifecycle(s, figures), await runLifecycle(s, figures)];
    expect(JSON.stringify(toJson(a))).toBe(JSON.stringify(toJson(b)));
  }, 120_000);

  it('raises AWS errors under the names Step Functions reports', async () => {
    // A switchover with the primary's database down (its region reachable, so the fence succeeds): RDS
    // refuses it with InvalidGlobalClusterStateFault. Long enough for the template's Retry on that name
    // (20 + 40 + 80 + 160 s) to run out first; nothing was promoted, so the fence is undone.
    const s = short([{ at: 60, fault: 'database-outage', region: 'us-east-1' }, { at: 120, action: 'start-recovery', region: 'us-east-2', mode: 'switchover' }], 900);
    const r = await runLifecycle(s, await lifecycleFigures('dev'));
    expect(entries(r, /Switchover failed with Rds\.InvalidGlobalClusterStateException/)).not.toHaveLength(0);
    expect(r.executions[0]).toMatchObject({ status: 'FAILED', notified: true, authorized: true, fenced: true, restored: true });
  }, 120_000);

  it('holds every invariant when nothing happens', async () => {
    const r = await runLifecycle(short([], 300), await lifecycleFigures('dev'));
    expect(r.ok).toBe(true);
    expect(r.orders).toMatchObject({ submitted: 600, acknowledged: 600, refusedNotAcknowledged: 0, stranded: 0 });
    expect(r.orders.processed).toBeGreaterThanOrEqual(598);
    expect(r.availability.unavailableSeconds).toBeLessThan(2);
  }, 120_000);
});
