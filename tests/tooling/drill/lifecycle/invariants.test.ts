// The invariant checker against hand-written traces: for each invariant, a trace that violates it
// (and the checker names the moment), next to the same trace made healthy (and the checker is quiet).
import { describe, expect, it } from 'vitest';
import { INVARIANTS, InvariantChecker, Ledger, STALE_REJECTION_GRACE_SECONDS, type CheckerConfig, type ExecutionView, type InvariantName, type Step } from '../../../../tooling/drill/lifecycle/invariants.ts';

const A = 'us-east-1';
const B = 'us-east-2';
const CONFIG: CheckerConfig = { maxAgeSeconds: 60, serverBoundSeconds: 90, firstFaultAt: null, orderIntervalSeconds: 0.5, duration: 600 };

function step(t: number, over: Partial<Step> = {}): Step {
  return { t, regionsUp: { [A]: true, [B]: true }, dnsAnswer: A, submitted: 0, commits: [], orders: [], executions: [], ...over };
}

/** Steps 1..end, with `at` giving the overrides of particular seconds (and `base` those of every step). */
function trace(end: number, at: Record<number, Partial<Step>> = {}, base: (t: number) => Partial<Step> = () => ({})): Step[] {
  return Array.from({ length: end }, (_, i) => step(i + 1, { ...base(i + 1), ...at[i + 1] }));
}

function check(steps: Step[], config: Partial<CheckerConfig> = {}) {
  const checker = new InvariantChecker({ ...CONFIG, ...config });
  for (const s of steps) checker.observe(s);
  const results = checker.finish();
  const verdict = (name: InvariantName) => results.find((r) => r.name === name)!;
  return { results, verdict, ledger: checker.ledger };
}

const acked = (t: number, orderId: string, region = A) => ({ kind: 'acked' as const, at: t, orderId, region });
const committed = (t: number, orderId: string, region = A, globalWriter = true) => ({ kind: 'committed' as const, at: t, orderId, region, globalWriter });
const commit = (t: number, region = A, globalWriter = true, ok = true) => ({ at: t, region, globalWriter, ok });
const execution = (over: Partial<ExecutionView>): ExecutionView => ({ id: 'x-1', region: B, startedAt: 10, boundSeconds: 2610, status: 'RUNNING', notified: false, ...over });

/** An order acknowledged and committed in the same second, by region A, every second. */
const steady = (t: number): Partial<Step> => ({ submitted: 1, orders: [acked(t - 0.5, `o${t}`), committed(t, `o${t}`)], commits: [commit(t)] });

describe('a healthy trace', () => {
  it('holds every invariant and counts every order as processed', () => {
    const { results, ledger } = check(trace(120, {}, steady));
    expect(results.map((r) => r.name)).toEqual([...INVARIANTS]);
    expect(results.filter((r) => !r.held)).toEqual([]);
    expect(ledger.counts()).toMatchObject({ submitted: 120, acknowledged: 120, processed: 120, stranded: 0, lostInFailover: 0, processedTwice: 0, processedByNonWriter: 0 });
  });
});

describe('single-writer-processing', () => {
  it('is violated by a step in which both regions commit', () => {
    const { verdict } = check(trace(30, { 17: { commits: [commit(16.5, A), commit(16.9, B, false)] } }, steady));
    expect(verdict('single-writer-processing')).toMatchObject({ held: false, firstViolationAt: 17 });
    expect(verdict('single-writer-processing').detail).toContain('us-east-1 and us-east-2 both committed');
  });

  it('is not violated by a refused attempt next to a commit', () => {
    const { verdict } = check(trace(30, { 17: { commits: [commit(16.5, A), commit(16.9, B, false, false)] } }, steady));
    expect(verdict('single-writer-processing').held).toBe(true);
  });
});

describe('no-processing-on-non-writer', () => {
  it('is violated by a refused commit attempt against a cluster that is not the global writer', () => {
    const { verdict } = check(trace(30, { 12: { commits: [{ ...commit(11.2, B, false, false), detail: 'read-only' }] } }, steady));
    expect(verdict('no-processing-on-non-writer')).toMatchObject({ held: false, firstViolationAt: 11.2 });
    expect(verdict('no-processing-on-non-writer').detail).toContain('us-east-2 attempted a commit at 11.2 s');
  });

  it('holds when every attempt goes to the global writer, refused or not', () => {
    const { verdict } = check(trace(30, { 12: { commits: [commit(11.2, A, true, false)] } }, steady));
    expect(verdict('no-processing-on-non-writer').held).toBe(true);
  });
});

describe('acknowledged-orders-accounted', () => {
  it('is violated by an order still queued maxAgeSeconds plus the stale-rejection grace after its acknowledgement in a region that is up (stranded)', () => {
    const { verdict, ledger } = check(trace(100, { 5: { orders: [acked(4.5, 'late')] } }));
    expect(STALE_REJECTION_GRACE_SECONDS).toBe(3);
    expect(verdict('acknowledged-orders-accounted')).toMatchObject({ held: false, firstViolationAt: 68 });
    expect(verdict('acknowledged-orders-accounted').detail).toContain('order late, acknowledged by us-east-1 at 4.5 s, is still waiting');
    expect(ledger.counts().stranded).toBe(1);
  });

  it('holds for an order refused while young and rejected as stale when it comes back just after its limit', () => {
    // Acknowledged at 4.5, refused at 10 with visibility ceil(60 - 5.5) + 1 = 56 s: back at 66, received and rejected at 67.
    const { verdict, ledger } = check(trace(100, { 5: { orders: [acked(4.5, 'back')] }, 67: { orders: [{ kind: 'rejected', at: 67, orderId: 'back', region: A, reason: 'stale', stale: true }] } }));
    expect(verdict('acknowledged-orders-accounted').held).toBe(true);
    expect(ledger.counts()).toMatchObject({ rejectedStale: 1, stranded: 0 });
  });

  it('is violated by a stale rejection later than the grace allows', () => {
    const { verdict } = check(trace(100, { 5: { orders: [acked(4.5, 'slow')] }, 69: { orders: [{ kind: 'rejected', at: 69, orderId: 'slow', region: A, reason: 'stale', stale: true }] } }));
    expect(verdict('acknowledged-orders-accounted')).toMatchObject({ held: false, firstViolationAt: 68 });
  });

  it('is violated by an order executed twice', () => {
    const { verdict, ledger } = check(trace(30, { 5: { orders: [acked(4.5, 'twice'), committed(5, 'twice')] }, 9: { orders: [committed(9, 'twice', B)] } }));
    expect(verdict('acknowledged-orders-accounted')).toMatchObject({ held: false, firstViolationAt: 9 });
    expect(ledger.counts()).toMatchObject({ processedTwice: 1, processed: 0 });
  });

  it('is violated by a committed order that is thrown away outside the RPO', () => {
    const { verdict } = check(trace(30, { 5: { orders: [acked(4.5, 'gone'), committed(5, 'gone')] }, 20: { orders: [{ kind: 'discarded', at: 20, orderId: 'gone', region: A, reason: 'split brain' }] } }));
    expect(verdict('acknowledged-orders-accounted')).toMatchObject({ held: false, firstViolationAt: 20 });
    expect(verdict('acknowledged-orders-accounted').detail).toContain('split brain');
  });

  it('is violated by a lost region\'s order that is neither rejected nor processed maxAge after the region returns', () => {
    const down = (t: number): Partial<Step> => (t >= 10 && t < 200 ? { regionsUp: { [A]: false, [B]: true } } : {});
    const { verdict, ledger } = check(trace(300, { 5: { orders: [acked(4.5, 'parked')] } }, down));
    expect(verdict('acknowledged-orders-accounted')).toMatchObject({ held: false, firstViolationAt: 260 });
    expect(ledger.counts().stranded).toBe(1);
  });

  it('holds for orders lost within the RPO, rejected with a reason, or lost with their region', () => {
    const down = (t: number): Partial<Step> => (t >= 10 ? { regionsUp: { [A]: false, [B]: true } } : {});
    const { verdict, ledger } = check(
      trace(
        200,
        {
          3: { orders: [acked(2.5, 'rpo'), committed(3, 'rpo'), acked(2.6, 'dlq'), acked(2.7, 'stale')] },
          5: { orders: [acked(4.5, 'region')] },
          8: { orders: [{ kind: 'lost', at: 8, orderId: 'rpo', region: A, reason: 'RPO' }] },
          40: { orders: [{ kind: 'rejected', at: 40, orderId: 'dlq', region: A, reason: 'invalid', stale: false }, { kind: 'rejected', at: 40, orderId: 'stale', region: A, reason: 'stale', stale: true }] },
        },
        down,
      ),
    );
    expect(verdict('acknowledged-orders-accounted').held).toBe(true);
    expect(ledger.counts()).toMatchObject({ acknowledged: 4, processed: 0, rejected: 1, rejectedStale: 1, lostInFailover: 2, stranded: 0 });
  });
});

describe('no-late-execution', () => {
  it('is violated by an order executed more than maxAgeSeconds after its acknowledgement', () => {
    const { verdict } = check(trace(200, { 5: { orders: [acked(4.5, 'slow')] }, 70: { orders: [committed(69.6, 'slow')] } }));
    expect(verdict('no-late-execution')).toMatchObject({ held: false, firstViolationAt: 69.6 });
    expect(verdict('no-late-execution').detail).toContain('65.1 s later (limit 60 s)');
  });

  it('holds for an order executed exactly at its limit', () => {
    const { verdict } = check(trace(200, { 5: { orders: [acked(4.5, 'just')] }, 65: { orders: [committed(64.5, 'just')] } }));
    expect(verdict('no-late-execution').held).toBe(true);
  });
});

describe('no-failback-without-request', () => {
  const recovered = (t: number): Partial<Step> => ({ executions: [execution(t >= 50 ? { status: 'SUCCEEDED', endedAt: 50, notified: true } : {})] });

  it('is violated when Route 53 answers the other region again after the recovery moved traffic', () => {
    const { verdict } = check(trace(120, {}, (t) => ({ ...recovered(t), dnsAnswer: t < 60 || t > 100 ? A : B })));
    expect(verdict('no-failback-without-request')).toMatchObject({ held: false, firstViolationAt: 101 });
    expect(verdict('no-failback-without-request').detail).toContain('Route 53 answers with us-east-1 at 101 s');
  });

  it('is violated when the other region commits trades after the recovery', () => {
    const { verdict } = check(trace(120, { 80: { commits: [commit(79.5, A)] } }, (t) => ({ ...recovered(t), dnsAnswer: t < 60 ? A : B })));
    expect(verdict('no-failback-without-request')).toMatchObject({ held: false, firstViolationAt: 79.5 });
  });

  it('holds when a recovery into the other region was started first', () => {
    const back = (t: number): Partial<Step> => ({ executions: [...recovered(t).executions!, ...(t >= 90 ? [execution({ id: 'x-2', region: A, startedAt: 90 })] : [])] });
    const { verdict } = check(trace(120, {}, (t) => ({ ...back(t), dnsAnswer: t < 60 || t > 100 ? A : B })));
    expect(verdict('no-failback-without-request').held).toBe(true);
  });
});

describe('recovery-terminates', () => {
  it('is violated by an execution still running past its bound', () => {
    const { verdict } = check(trace(200, {}, () => ({ executions: [execution({ boundSeconds: 100 })] })));
    expect(verdict('recovery-terminates')).toMatchObject({ held: false, firstViolationAt: 111 });
  });

  it('is violated by an execution that ends without notifying', () => {
    const { verdict } = check(trace(60, {}, (t) => ({ executions: [execution(t >= 40 ? { status: 'FAILED', endedAt: 39.5 } : {})] })));
    expect(verdict('recovery-terminates')).toMatchObject({ held: false, firstViolationAt: 39.5 });
    expect(verdict('recovery-terminates').detail).toContain('without notifying');
  });

  it('is violated by an execution that timed out', () => {
    const { verdict } = check(trace(60, {}, (t) => ({ executions: [execution(t >= 40 ? { status: 'TIMED_OUT', endedAt: 40, notified: true } : {})] })));
    expect(verdict('recovery-terminates').held).toBe(false);
  });

  it('holds for an execution that ends and notifies within its bound', () => {
    const { verdict } = check(trace(60, {}, (t) => ({ executions: [execution(t >= 40 ? { status: 'FAILED', endedAt: 39.5, notified: true } : {})] })));
    expect(verdict('recovery-terminates').held).toBe(true);
  });

  describe('an execution whose region is down (it cannot end or notify)', () => {
    const WATCHDOG = { watchdogGraceSeconds: 120 };
    // Region B is lost at 20 s; the execution (bound 100 s from 10 s) times out at 110 s.
    const lost = (reclaimAt: number | null) => (t: number): Partial<Step> => ({
      regionsUp: { [A]: true, [B]: t < 20 },
      executions: [execution({ boundSeconds: 100, ...(t >= 110 ? { status: 'TIMED_OUT', endedAt: 110 } : {}) })],
      reclaims: reclaimAt !== null && t >= reclaimAt ? [{ region: A, at: reclaimAt }] : [],
      ...(reclaimAt !== null && t > reclaimAt + 5 ? steady(t) : t < 20 ? steady(t) : {}),
    });

    it('is concluded by the other region taking the authority back within the grace, which also starts the server deadline', () => {
      const { verdict } = check(trace(400, {}, lost(170)), WATCHDOG);
      expect(verdict('recovery-terminates').held).toBe(true);
      expect(verdict('failed-recovery-keeps-a-server').held).toBe(true);
    });

    it('is violated when no watchdog acts by the bound plus the grace, at the moment it timed out', () => {
      const { verdict } = check(trace(400, {}, lost(null)), WATCHDOG);
      expect(verdict('recovery-terminates')).toMatchObject({ held: false, firstViolationAt: 110 });
      expect(verdict('recovery-terminates').detail).toContain('no watchdog in the other region took the authority back by 230');
      // It failed at its timeout, and nothing served in the 90 s after it.
      expect(verdict('failed-recovery-keeps-a-server')).toMatchObject({ held: false });
    });

    it('is violated by a reclaim after the grace', () => {
      const { verdict } = check(trace(400, {}, lost(231)), WATCHDOG);
      expect(verdict('recovery-terminates').held).toBe(false);
    });

    it('is violated when the platform does not serve within the bound after the reclaim', () => {
      const late = (t: number): Partial<Step> => ({ ...lost(170)(t), ...(t > 170 && t < 300 ? { submitted: 0, orders: [], commits: [] } : {}) });
      const { verdict } = check(trace(400, {}, late), WATCHDOG);
      expect(verdict('recovery-terminates').held).toBe(true);
      expect(verdict('failed-recovery-keeps-a-server')).toMatchObject({ held: false, firstViolationAt: 260 });
    });

    it('gives the watchdog the bound from the other region\'s return when that region was down too', () => {
      // Region A is down from 15 s to 200 s: its watchdog may act up to 200 + 100 + 120 = 420 s.
      const bothDown = (reclaimAt: number) => (t: number): Partial<Step> => ({ ...lost(reclaimAt)(t), regionsUp: { [A]: t < 15 || t >= 200, [B]: t < 20 } });
      expect(check(trace(600, {}, bothDown(410)), WATCHDOG).verdict('recovery-terminates').held).toBe(true);
      expect(check(trace(600, {}, bothDown(421)), WATCHDOG).verdict('recovery-terminates').held).toBe(false);
    });

    it('is not excused for a region that is up: its own execution must notify', () => {
      const up = (t: number): Partial<Step> => ({ ...lost(170)(t), regionsUp: { [A]: true, [B]: true } });
      const { verdict } = check(trace(400, {}, up), WATCHDOG);
      expect(verdict('recovery-terminates')).toMatchObject({ held: false, firstViolationAt: 110 });
    });
  });
});

describe('failed-recovery-keeps-a-server', () => {
  const failed = (t: number): Partial<Step> => ({ executions: [execution(t >= 40 ? { status: 'FAILED', endedAt: 40, notified: true } : {})] });

  it('is violated when no order is acknowledged and processed within the bound after a failed recovery', () => {
    const { verdict } = check(trace(200, {}, (t) => ({ ...failed(t), ...(t <= 40 ? steady(t) : {}) })));
    expect(verdict('failed-recovery-keeps-a-server')).toMatchObject({ held: false, firstViolationAt: 130 });
  });

  it('asks nothing of a recovery that started while nothing was serving', () => {
    const { verdict } = check(trace(200, {}, (t) => ({ ...failed(t), ...(t > 150 ? steady(t) : {}) })));
    expect(verdict('failed-recovery-keeps-a-server').held).toBe(true);
  });

  it('holds when a region keeps serving after the failure', () => {
    const { verdict } = check(trace(200, {}, (t) => ({ ...failed(t), ...steady(t) })));
    expect(verdict('failed-recovery-keeps-a-server').held).toBe(true);
  });
});

describe('ledger figures', () => {
  it('measures the clients\' gaps between orders processed in time', () => {
    const ledger = new Ledger(60);
    const orders = [0, 0.5, 1, 10, 10.5, 30].map((t, i) => [acked(t, `o${i}`), committed(i === 5 ? 100 : t + 0.5, `o${i}`)]).flat();
    ledger.apply(step(200, { orders }), () => undefined);
    // 1 -> 10 is a 8.5 s gap; the order at 30 s was executed 70 s later, so 10.5 -> the end (40) is one gap.
    expect(ledger.availability(0.5, 40, 60)).toEqual({ unavailableSeconds: 8.5 + 29, longestGapSeconds: 29 });
  });

  it('takes the RTO from the first fault to the first order processed in a region a later recovery targeted', () => {
    const ledger = new Ledger(60);
    ledger.apply(step(500, { orders: [acked(5, 'before'), committed(5.5, 'before'), acked(400, 'after'), committed(401, 'after', B), acked(402, 'old'), committed(403, 'old', A)] }), () => undefined);
    expect(ledger.rto(100, [execution({ region: B, startedAt: 150 })])).toBe(301);
    expect(ledger.rto(null, [])).toBeNull();
  });
});

describe('no-unforced-data-loss-failover', () => {
  const promoted = (oldRegionServing: boolean, forced: boolean) =>
    trace(60, {}, (t) => ({ ...steady(t), executions: [execution({ dataLossPromotion: { at: 40, oldRegion: A, oldRegionServing, forced } })] }));

  it('is violated by a failover promoted away from a serving region that nobody forced', () => {
    const { verdict } = check(promoted(true, false));
    expect(verdict('no-unforced-data-loss-failover')).toMatchObject({ held: false, firstViolationAt: 40 });
    expect(verdict('no-unforced-data-loss-failover').detail).toContain('although us-east-1 was serving');
  });

  it('holds when the person forced it, or when the old region was not serving', () => {
    expect(check(promoted(true, true)).verdict('no-unforced-data-loss-failover').held).toBe(true);
    expect(check(promoted(false, false)).verdict('no-unforced-data-loss-failover').held).toBe(true);
  });
});

describe('approval-token-only-to-approvers', () => {
  const sent = (...to: ('approval-queue' | 'operations-topic')[]) =>
    trace(60, {}, (t) => ({ ...steady(t), executions: [execution({ tokenSent: to.map((d, i) => ({ at: 20 + i, to: d })) })] }));

  it('is violated by a task token published to the operations topic', () => {
    const { verdict } = check(sent('approval-queue', 'operations-topic'));
    expect(verdict('approval-token-only-to-approvers')).toMatchObject({ held: false, firstViolationAt: 21 });
    expect(verdict('approval-token-only-to-approvers').detail).toContain('sent its task token to the operations-topic');
  });

  it('holds when the token went only to the approval queue, or nowhere', () => {
    expect(check(sent('approval-queue')).verdict('approval-token-only-to-approvers').held).toBe(true);
    expect(check(sent()).verdict('approval-token-only-to-approvers').held).toBe(true);
  });
});
