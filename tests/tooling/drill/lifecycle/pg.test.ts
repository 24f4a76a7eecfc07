// The simulated pg pool runs the trade processor's real store code: it commits on the writer and
// refuses a commit the way a non-writer Aurora cluster does, and reports every attempt.
import { describe, expect, it } from 'vitest';
import { parseOrder, type Order } from '../../../../functions/trade-processor/order.ts';
import { commitOrders } from '../../../../functions/trade-processor/store.ts';
import { lifecycleFigures } from '../../../../tooling/drill/lifecycle/figures.ts';
import { processBatch } from '../../../../tooling/drill/lifecycle/functions.ts';
import { simulatedPool } from '../../../../tooling/drill/lifecycle/pg.ts';
import { World } from '../../../../tooling/drill/lifecycle/world.ts';

const body = (orderId: string) => JSON.stringify({ orderId, userId: 'trader-1', symbol: 'AAPL', side: 'BUY', quantity: 1, price: 100, timestamp: '2025-03-14T14:00:00Z' });
const order = (orderId: string): Order => {
  const parsed = parseOrder(body(orderId));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.order;
};

async function freshWorld() {
  return new World(await lifecycleFigures(null));
}

describe('simulated pg pool', () => {
  it('commits on the global writer, once, and reports the commit', async () => {
    const world = await freshWorld();
    const pool = simulatedPool(world, 'us-east-1');
    const first = await commitOrders(pool, [{ order: order('o1'), messageId: 'm1' }]);
    expect(first.get('o1')).toEqual({ status: 'inserted' });
    const again = await commitOrders(pool, [{ order: order('o1'), messageId: 'm1' }]);
    expect(again.get('o1')).toEqual({ status: 'present' });
    expect(world.stepCommits.map((c) => [c.region, c.globalWriter, c.ok])).toEqual([
      ['us-east-1', true, true],
      ['us-east-1', true, true],
    ]);
    expect(world.stepOrders).toEqual([{ kind: 'committed', at: 0, orderId: 'o1', region: 'us-east-1', globalWriter: true }]);
  });

  it('refuses a commit on a secondary with PostgreSQL\'s read-only error and reports the attempt', async () => {
    const world = await freshWorld();
    const attempt = commitOrders(simulatedPool(world, 'us-east-2'), [{ order: order('o2'), messageId: 'm2' }]);
    await expect(attempt).rejects.toMatchObject({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' });
    expect(world.stepCommits).toEqual([{ at: 0, region: 'us-east-2', globalWriter: false, ok: false, detail: 'cannot execute INSERT in a read-only transaction (SQLSTATE 25006)' }]);
    expect(world.aurora.clusters['us-east-2']!.rows.size).toBe(0);
  });

  it('refuses the connection while the cluster is down', async () => {
    const world = await freshWorld();
    world.aurora.clusters['us-east-1']!.instancesUp = false;
    await expect(commitOrders(simulatedPool(world, 'us-east-1'), [{ order: order('o3'), messageId: 'm3' }])).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives the trade processor core a failure reason per record when the commit is refused', async () => {
    const world = await freshWorld();
    // us-east-2's serving flag is "false": refused by the gate before the database is asked.
    const inactive = await processBatch(world, 'us-east-2', [{ messageId: 'm3', orderId: 'o3', body: body('o3'), ackAt: 0, receiveCount: 1 }]);
    expect(inactive.get('m3')).toBe('refused: this region is not active (the serving flag is "false"); nothing was committed; back in 61 s, once stale');
    expect(world.stepCommits).toEqual([]);
    // With its flag "true" within the lease, the database's answer refuses it: not the writer.
    world.regions['us-east-2']!.parameters.set(world.names.servingParameter('us-east-2'), { value: 'true', version: 2, lastModified: 0 });
    // A new execution environment: the previous read is cached for up to 10 s.
    delete world.regions['us-east-2']!.processorFlag;
    const failed = await processBatch(world, 'us-east-2', [{ messageId: 'm4', orderId: 'o4', body: body('o4'), ackAt: 0, receiveCount: 1 }]);
    expect(failed.get('m4')).toBe('refused: this cluster is not the writer (in-recovery); nothing was committed; back in 61 s, once stale');
    const ok = await processBatch(world, 'us-east-1', [{ messageId: 'm5', orderId: 'o5', body: body('o5'), ackAt: 0, receiveCount: 1 }]);
    expect(ok.size).toBe(0);
  });
});
