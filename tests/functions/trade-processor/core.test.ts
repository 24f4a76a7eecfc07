// trade-processor core (functions/trade-processor/core.ts) against real PostgreSQL, dynalite and s3rver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processTradeBatch } from '../../../functions/trade-processor/core.ts';
import { failedIds, freshWorld, orderBody, sqsEvent, startLocalAws, tradeRows, type LocalAws, type TradeWorld } from '../support/services.ts';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => {
  await aws.stop();
});

const MIXED: [string, string][] = [
  ['m-01', orderBody({ orderId: 'ORD-1', userId: 'user-1' })],
  ['m-02', orderBody({ orderId: 'ORD-2', userId: 'user-2', side: 'SELL', symbol: 'MSFT', quantity: 5, price: 411.25 })],
  ['m-03', '{"orderId":"ORD-3"'],
  ['m-04', orderBody({ orderId: 'ORD-4', quantity: -3 })],
  ['m-05', orderBody({ orderId: 'ORD-5', side: 'HOLD' })],
  ['m-06', orderBody({ orderId: 'ORD-6', note: 'rush' })],
  ['m-07', orderBody({ orderId: 'ORD-7', userId: 'user-1', timestamp: '2025-01-31T15:00:00+01:00', symbol: 'GOOG' })],
  ['m-08', orderBody({ orderId: 'ORD-1', userId: 'user-1' })], // redelivery of m-01 inside the batch
  ['m-09', orderBody({ orderId: 'ORD-9', timestamp: 'yesterday' })],
  ['m-10', orderBody({ orderId: 'ORD-10', userId: 'user-3', price: 0 })],
];
const BAD = ['m-03', 'm-04', 'm-05', 'm-06', 'm-09', 'm-10'];

describe('trade-processor with a mixed batch', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  it('reports exactly the malformed records and stores every distinct valid order', async () => {
    // Prepare
    const event = sqsEvent(MIXED);

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess
    expect(failedIds(response)).toEqual(BAD);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-1', 'ORD-2', 'ORD-7']);
    expect((await aws.sessions(world.names.table)).map((s) => s.userId)).toEqual(['user-1', 'user-2']);
    expect(await aws.auditKeys(world.names.bucket)).toEqual([
      'trades/2025/01/31/ORD-1.json',
      'trades/2025/01/31/ORD-2.json',
      'trades/2025/01/31/ORD-7.json',
    ]);
  });

  it('logs a reason for every reported record', async () => {
    // Prepare
    const event = sqsEvent(MIXED);

    // Act
    await processTradeBatch(event, world.deps);

    // Assess
    const reasons = world.logger.reasons();
    expect([...reasons.keys()].sort()).toEqual(BAD);
    expect(reasons.get('m-03')).toBe('body is not valid JSON');
    expect(reasons.get('m-04')).toBe('quantity must be greater than 0');
    expect(reasons.get('m-05')).toMatch(/^side must be "BUY" or "SELL"/);
    expect(reasons.get('m-06')).toBe('unknown field(s) note');
    expect(reasons.get('m-09')).toMatch(/^timestamp must be an ISO 8601 date-time/);
    expect(reasons.get('m-10')).toBe('price must be greater than 0');
  });

  it('stores the audit record under the date of the order, with a body derived from the order only', async () => {
    // Prepare
    const event = sqsEvent([['m-1', orderBody({ orderId: 'ORD-LATE', timestamp: '2025-02-01T00:30:00+02:00' })]]);

    // Act
    await processTradeBatch(event, world.deps);

    // Assess: 00:30 at +02:00 is 22:30 UTC on the previous day
    const body = await aws.auditBody(world.names.bucket, 'trades/2025/01/31/ORD-LATE.json');
    expect(JSON.parse(body)).toEqual({
      orderId: 'ORD-LATE',
      userId: 'user-1',
      symbol: 'AAPL',
      side: 'BUY',
      quantity: 10,
      price: 189.5,
      timestamp: '2025-01-31T22:30:00.000Z',
    });
  });

  it('keeps the session at the latest order whatever the delivery order', async () => {
    // Prepare
    const later = orderBody({ orderId: 'ORD-B', timestamp: '2025-01-31T15:00:00Z', symbol: 'MSFT' });
    const earlier = orderBody({ orderId: 'ORD-A', timestamp: '2025-01-31T09:00:00Z' });

    // Act
    await processTradeBatch(sqsEvent([['m-b', later]]), world.deps);
    await processTradeBatch(sqsEvent([['m-a', earlier]]), world.deps);

    // Assess
    const [session] = await aws.sessions(world.names.table);
    expect(session).toEqual({
      userId: 'user-1',
      lastOrderId: 'ORD-B',
      lastOrderAt: '2025-01-31T15:00:00.000Z',
      lastOrderSequence: '2025-01-31T15:00:00.000Z#ORD-B',
      lastSymbol: 'MSFT',
      lastSide: 'BUY',
      tradingDay: '2025-01-31',
      expiresAt: Date.parse('2025-01-31T15:00:00Z') / 1000 + 3600,
    });
  });

  it('answers an empty batch with no failures', async () => {
    // Act
    const response = await processTradeBatch(sqsEvent([]), world.deps);

    // Assess
    expect(response.batchItemFailures).toEqual([]);
  });
});

describe('trade-processor under redelivery', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  it('delivering the same batch three times adds no row, session or audit object', async () => {
    // Prepare
    const event = sqsEvent(MIXED);
    await processTradeBatch(event, world.deps);
    const before = {
      rows: await tradeRows(world.pool),
      sessions: await aws.sessions(world.names.table),
      audit: await aws.auditKeys(world.names.bucket),
    };

    // Act
    const second = await processTradeBatch(event, world.deps);
    const third = await processTradeBatch(event, world.deps);

    // Assess
    expect(failedIds(second)).toEqual(BAD);
    expect(failedIds(third)).toEqual(BAD);
    expect(await tradeRows(world.pool)).toEqual(before.rows);
    expect(await aws.sessions(world.names.table)).toEqual(before.sessions);
    expect(await aws.auditKeys(world.names.bucket)).toEqual(before.audit);
    expect(world.metrics.value('TradesInserted')).toBe(0);
    expect(world.metrics.value('TradesAlreadyRecorded')).toBe(3);
  });

  it('refuses an orderId that is already stored with different content, and changes nothing', async () => {
    // Prepare
    await processTradeBatch(sqsEvent([['m-1', orderBody({ orderId: 'ORD-X', quantity: 10 })]]), world.deps);

    // Act
    const response = await processTradeBatch(
      sqsEvent([
        ['m-2', orderBody({ orderId: 'ORD-X', quantity: 99 })],
        ['m-3', orderBody({ orderId: 'ORD-Y' })],
      ]),
      world.deps,
    );

    // Assess
    expect(failedIds(response)).toEqual(['m-2']);
    expect(world.logger.reasons().get('m-2')).toMatch(/^orderId ORD-X is already recorded with different content/);
    expect((await tradeRows(world.pool)).map((r) => [r.order_id, r.quantity])).toEqual([
      ['ORD-X', '10'],
      ['ORD-Y', '10'],
    ]);
  });

  it('refuses the second of two different orders sharing an orderId in one batch', async () => {
    // Act
    const response = await processTradeBatch(
      sqsEvent([
        ['m-1', orderBody({ orderId: 'ORD-Z', price: 1 })],
        ['m-2', orderBody({ orderId: 'ORD-Z', price: 2 })],
      ]),
      world.deps,
    );

    // Assess
    expect(failedIds(response)).toEqual(['m-2']);
    expect((await tradeRows(world.pool)).map((r) => r.price)).toEqual(['1']);
  });
});

describe('trade-processor when a side effect fails', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  it('fails only the affected records, and a redelivery completes them', async () => {
    // Prepare: the audit bucket does not exist yet, so every audit write fails
    const missingBucket = `${world.names.bucket}-later`;
    const deps = { ...world.deps, settings: { ...world.deps.settings, auditBucket: missingBucket } };
    const event = sqsEvent([
      ['m-1', orderBody({ orderId: 'ORD-1' })],
      ['m-2', orderBody({ orderId: 'ORD-2', side: 'SIDEWAYS' })],
    ]);

    // Act
    const first = await processTradeBatch(event, deps);
    const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
    await aws.s3Client.send(new CreateBucketCommand({ Bucket: missingBucket }));
    const redelivered = await processTradeBatch(event, deps);

    // Assess
    expect(failedIds(first)).toEqual(['m-1', 'm-2']);
    expect(world.logger.reasons().get('m-1')).toMatch(/^audit write: NoSuchBucket/);
    expect(failedIds(redelivered)).toEqual(['m-2']);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-1']);
    expect(await aws.auditKeys(missingBucket)).toEqual(['trades/2025/01/31/ORD-1.json']);
  });
});
