// trade-processor store (functions/trade-processor/store.ts) through the core: one multi-row insert
// per batch, and what a batch sees when the database goes away before it or between the insert and
// the commit.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processTradeBatch } from '../../../functions/trade-processor/core.ts';
import { commitOrders } from '../../../functions/trade-processor/store.ts';
import { startPostgres, type LocalPostgres } from '../../../tooling/functions/local-services.ts';
import {
  createTestDatabase,
  failedIds,
  freshWorld,
  orderBody,
  poolFor,
  startLocalAws,
  tradeDeps,
  tradeRows,
  type LocalAws,
  type TradeWorld,
} from '../support/services.ts';
import { sqsEvent } from './callers.ts';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => {
  await aws?.stop();
});

describe('trade-processor database writes', () => {
  let pool: pg.Pool;
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    pool = world.pool;
    return () => pool.end();
  });

  it('records a batch of 1,000 orders with one insert, keeping the numbers exact', async () => {
    // Prepare
    const records: [string, string][] = Array.from({ length: 1000 }, (_, i) => [
      `m-${i}`,
      orderBody({ orderId: `ORD-${String(i).padStart(4, '0')}`, userId: `user-${i % 7}`, quantity: i === 0 ? 1e-8 : i, price: 12345.6789 }),
    ]);

    // Act
    const response = await processTradeBatch(sqsEvent(records), world.deps);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const rows = await tradeRows(pool);
    expect(rows).toHaveLength(1000);
    expect([rows[0]!.quantity, rows[0]!.price]).toEqual(['0.00000001', '12345.6789']);
    expect(rows[999]!.quantity).toBe('999');
    expect((await aws.sessions(world.names.table)).length).toBe(7);
  });
});

const FIRST: [string, string][] = [
  ['a-1', orderBody({ orderId: 'ORD-A1', userId: 'user-a' })],
  ['a-2', orderBody({ orderId: 'ORD-A2', userId: 'user-a' })],
];
const SECOND: [string, string][] = [
  ['b-1', orderBody({ orderId: 'ORD-B1', userId: 'user-b' })],
  ['b-2', orderBody({ orderId: 'ORD-B2', userId: 'user-c' })],
  ['b-3', orderBody({ orderId: 'ORD-B3', quantity: 'ten' })],
];

// These tests stop PostgreSQL, so they use a private server rather than the suite's.
describe('trade-processor during a database outage', () => {
  let server: LocalPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  let pool: pg.Pool;
  let world: ReturnType<typeof tradeDeps>;
  let names: { table: string; bucket: string };
  beforeEach(async () => {
    pool = poolFor(server, await createTestDatabase(server));
    names = await aws.fresh();
    world = tradeDeps(pool, aws, names);
  });
  afterEach(async () => {
    await server.start().catch(() => undefined); // no-op when running
    await pool.end();
  });

  it('reports every record of a batch that arrives while the database is down, writes nothing, and completes on redelivery', async () => {
    // Prepare: one batch goes through, then the server stops mid-run (its pooled connection dies too)
    const first = await processTradeBatch(sqsEvent(FIRST), world.deps);
    await server.stop();

    // Act
    const during = await processTradeBatch(sqsEvent(SECOND), world.deps);
    const sessionsDuring = await aws.sessions(names.table);
    const auditDuring = await aws.auditKeys(names.bucket);
    await server.start();
    const redelivered = await processTradeBatch(sqsEvent(SECOND), world.deps);

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(failedIds(during)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(world.logger.reasons().get('b-1')).toMatch(/^refused: the database did not take the batch \(.*\); nothing was committed; back in \d+ s$/);
    expect(sessionsDuring.map((s) => s.userId)).toEqual(['user-a']);
    expect(auditDuring).toEqual(['trades/2025/01/31/ORD-A1.json', 'trades/2025/01/31/ORD-A2.json']);
    expect(failedIds(redelivered)).toEqual(['b-3']);
    expect((await tradeRows(pool)).map((r) => r.order_id)).toEqual(['ORD-A1', 'ORD-A2', 'ORD-B1', 'ORD-B2']);
    expect((await aws.sessions(names.table)).map((s) => s.userId)).toEqual(['user-a', 'user-b', 'user-c']);
  });

  it('commits nothing of a batch whose connection is lost between the insert and the commit', async () => {
    // Prepare: the connection kills itself when the transaction is about to commit
    await processTradeBatch(sqsEvent([['warm-up', orderBody({ orderId: 'ORD-0' })]]), world.deps);
    const dropping = {
      connect: async () => {
        const client = await pool.connect();
        const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
        (client as unknown as { query: typeof query }).query = async (text: string, values?: unknown[]) => {
          if (text === 'COMMIT') await query('SELECT pg_terminate_backend(pg_backend_pid())');
          return query(text, values);
        };
        return client;
      },
    } as unknown as pg.Pool;
    const deps = { ...world.deps, commit: (items: Parameters<typeof commitOrders>[1]) => commitOrders(dropping, items) };

    // Act
    const lost = await processTradeBatch(sqsEvent(SECOND), deps);
    const rowsAfterLoss = await tradeRows(pool);
    const redelivered = await processTradeBatch(sqsEvent(SECOND), world.deps);

    // Assess
    expect(failedIds(lost)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(rowsAfterLoss.map((r) => r.order_id)).toEqual(['ORD-0']);
    expect(failedIds(redelivered)).toEqual(['b-3']);
    expect((await tradeRows(pool)).map((r) => r.order_id)).toEqual(['ORD-0', 'ORD-B1', 'ORD-B2']);
  });
});
