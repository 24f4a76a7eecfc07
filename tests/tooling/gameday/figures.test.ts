// The game day's pure parts: the drill's availability definition over measured orders, the outcome
// of an execution, which region a DNS answer points to, and where an order was processed when the
// audit buckets replicate to each other.
import { describe, expect, it } from 'vitest';
import { DnsWatcher } from '../../../tooling/gameday/dns.ts';
import { outcomeOf } from '../../../tooling/gameday/execution.ts';
import { availability, lostOrders, orderCounts } from '../../../tooling/gameday/figures.ts';
import type { OrderRecord } from '../../../tooling/gameday/load.ts';
import { AuditObserver } from '../../../tooling/gameday/processed.ts';

const order = (id: string, ackAt: number | null, processedAt: number | null, extra: Partial<OrderRecord> = {}): OrderRecord => ({
  orderId: id,
  sentAt: ackAt ?? 0,
  ackAt,
  attempts: 1,
  gaveUp: ackAt === null ? 'gave up' : null,
  auditKey: `trades/2026/11/29/${id}.json`,
  ackDate: '2026-11-29',
  processed: processedAt === null ? null : { region: 'us-east-2', at: processedAt, replica: false },
  rejectedStale: null,
  ...extra,
});

describe('game day figures', () => {
  it('counts as unavailable the gaps between orders acknowledged and processed in time, less one interval', () => {
    // Orders every second from 0 to 9; 3-6 refused (a 4 s gap); 8 processed after the 60 s age limit, so it did not serve (1 s).
    const orders = [0, 1, 2, 7, 8, 9].map((t) => order(`o${t}`, t, t === 8 ? t + 61 : t + 2));
    expect(availability(orders, 0, 10, 1, 60)).toEqual({ unavailableSeconds: 5, longestGapSeconds: 4 });
    // Nothing processed: the whole load was unavailable.
    expect(availability([order('x', 1, null)], 0, 10, 1, 60)).toEqual({ unavailableSeconds: 10, longestGapSeconds: 10 });
  });

  it('counts lost only what was acknowledged, then neither processed nor rejected as stale', () => {
    const orders = [order('a', 1, 3), order('b', 2, null), order('c', null, null), order('d', 4, null, { rejectedStale: { region: 'us-east-1' } })];
    expect(lostOrders(orders)).toEqual(['b']);
    expect(orderCounts(orders)).toMatchObject({ submitted: 4, acknowledged: 3, processed: 1, lostInFailover: 1, refusedNotAcknowledged: 1, rejectedStale: 1 });
  });

  it('reads the validator verdict from a finished execution and the failure from a failed one', () => {
    expect(outcomeOf({ status: 'SUCCEEDED', output: JSON.stringify({ validation: { report: { ready: false, checks: [{ name: 'rpo-lag', ok: false }, { name: 'dynamodb-replicas', ok: true }] } } }) })).toEqual({
      status: 'SUCCEEDED',
      error: null,
      cause: null,
      validatorReady: false,
      failingChecks: ['rpo-lag'],
    });
    expect(outcomeOf({ status: 'FAILED', error: 'NotReady', cause: 'the validator says no', output: 'not json' })).toMatchObject({ status: 'FAILED', error: 'NotReady', validatorReady: null });
  });

  it('names the region whose regional endpoint shares the answer, and neither when none or both do', async () => {
    const answers: Record<string, string[]> = { shared: ['1.1.1.1'], r1: ['1.1.1.1', '1.1.1.2'], r2: ['2.2.2.2'] };
    const notes: string[] = [];
    const watcher = new DnsWatcher('shared', { 'us-east-1': 'r1', 'us-east-2': 'r2' }, { resolve4: async (h) => (answers[h] ?? []).map((address) => ({ address, ttl: 60 })) }, { now: () => 0, sleep: async () => undefined }, () => 0, (_r, w) => void notes.push(w));
    expect((await watcher.sample()).region).toBe('us-east-1');
    answers.shared = ['9.9.9.9'];
    expect((await watcher.sample()).region).toBeNull();
    answers.shared = ['1.1.1.2', '2.2.2.2'];
    expect((await watcher.sample()).region).toBeNull();
    answers.shared = ['2.2.2.2'];
    expect(await watcher.sample()).toMatchObject({ region: 'us-east-2', ttl: 60 });
    expect(notes).toEqual([
      'shared resolves to us-east-1 (1.1.1.1; TTL 60 s)',
      'shared resolves to addresses of neither regional endpoint (9.9.9.9)',
      'shared resolves to us-east-2 (2.2.2.2; TTL 60 s)',
    ]);
  });

  it('takes the region that wrote the audit object over a replica, and a lone replica as written by the peer', async () => {
    const objects: Record<string, Record<string, string | undefined>> = { 'us-east-1': { a: 'REPLICA', b: 'REPLICA' }, 'us-east-2': { a: 'COMPLETED' } };
    const s3 = (region: string) => ({
      send: async (cmd: { input: { Key?: string } }) => {
        const id = /([^/]+)\.json$/.exec(cmd.input.Key ?? '')![1]!;
        if (!(id in (objects[region] ?? {}))) throw Object.assign(new Error('Not Found'), { name: 'NotFound' });
        return { ReplicationStatus: objects[region]![id] };
      },
    });
    const orders = [order('a', 1, null), order('b', 1, null), order('c', 1, null)];
    const observer = new AuditObserver(['us-east-1', 'us-east-2'], { 'us-east-1': 'b1', 'us-east-2': 'b2' }, { s3: s3 as never }, orders, { now: () => 0, sleep: async () => undefined }, () => 7, 1000);
    expect(await observer.checkOnce()).toBe(1);
    expect(orders.map((o) => o.processed)).toEqual([{ region: 'us-east-2', at: 7, replica: false }, { region: 'us-east-2', at: 7, replica: true }, null]);
  });
});
