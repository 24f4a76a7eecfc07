// trade-processor core (functions/trade-processor/core.ts) against real PostgreSQL, dynalite and s3rver.
import { ChangeMessageVisibilityBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writerRole } from '../../../functions/shared/writer.ts';
import { processTradeBatch, queueUrlFromArn } from '../../../functions/trade-processor/core.ts';
import { commitOrders } from '../../../functions/trade-processor/store.ts';
import {
  SENT_AT_MS,
  TEST_NOW_MS,
  failedIds,
  freshWorld,
  orderBody,
  setReadOnly,
  startLocalAws,
  tradeRows,
  type LocalAws,
  type TradeWorld,
} from '../support/services.ts';
import { sqsEvent, sqsRecord } from './callers.ts';

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

  it('stores the audit record under the date of the order, with a body derived from the order and its caller only', async () => {
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
      clientSubjectDN: 'CN=user-1,O=Example Trading',
      clientIssuerDN: 'CN=Trading API client CA,O=Example Trading',
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

describe('trade-processor with stale orders', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });
  const MAX_AGE_MS = 60_000;

  it('rejects an order acknowledged more than the maximum age ago, keeps a record of it, and commits the fresh one', async () => {
    // Prepare: m-old was acknowledged 60.001 s before now, m-new 1 s before
    const event = {
      Records: [
        sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD', userId: 'user-9' }), TEST_NOW_MS - MAX_AGE_MS - 1),
        sqsRecord('m-new', orderBody({ orderId: 'ORD-NEW' })),
      ],
    };

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess: handled (not a batch failure), never inserted, kept in the audit bucket, logged, counted
    expect(failedIds(response)).toEqual([]);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-NEW']);
    expect((await aws.sessions(world.names.table)).map((s) => s.userId)).toEqual(['user-1']);
    expect(await aws.auditKeys(world.names.bucket)).toEqual(['rejected/2024/12/31/ORD-OLD.json', 'trades/2025/01/31/ORD-NEW.json']);
    expect(JSON.parse(await aws.auditBody(world.names.bucket, 'rejected/2024/12/31/ORD-OLD.json'))).toEqual({
      orderId: 'ORD-OLD',
      reason: 'stale',
      acknowledgedAt: '2024-12-31T23:59:00.999Z',
      rejectedAt: '2025-01-01T00:00:01.000Z',
      maxOrderAgeSeconds: 60,
      region: 'us-east-1',
      // Who placed the order that was not executed.
      clientSubjectDN: 'CN=user-9,O=Example Trading',
      clientIssuerDN: 'CN=Trading API client CA,O=Example Trading',
    });
    expect(world.logger.entries).toContainEqual({
      level: 'warn',
      message: 'stale order rejected, not executed',
      extra: expect.objectContaining({ outcome: 'rejected-stale', messageId: 'm-old', orderId: 'ORD-OLD', reason: expect.stringMatching(/^stale: /) }),
    });
    expect(world.metrics.value('OrdersRejectedStale')).toBe(1);
    expect(world.metrics.value('TradesInserted')).toBe(1);
  });

  it('does not count an order exactly the maximum age old as stale', async () => {
    // Prepare
    const event = { Records: [sqsRecord('m-edge', orderBody({ orderId: 'ORD-EDGE' }), TEST_NOW_MS - MAX_AGE_MS)] };

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess
    expect(failedIds(response)).toEqual([]);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-EDGE']);
    expect(world.metrics.value('OrdersRejectedStale')).toBe(0);
  });

  it('writes one rejection record for a redelivered stale message, the same but for rejectedAt', async () => {
    // In S3, If-None-Match: * keeps the first rejection; s3rver does not enforce the condition, so only
    // the key and the content modulo rejectedAt are asserted here.
    // Prepare
    const event = { Records: [sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD' }), SENT_AT_MS - MAX_AGE_MS)] };
    const key = 'rejected/2024/12/31/ORD-OLD.json';

    // Act: a second delivery, ten minutes later
    await processTradeBatch(event, world.deps);
    const first = await aws.auditBody(world.names.bucket, key);
    const again = await processTradeBatch(event, { ...world.deps, now: () => TEST_NOW_MS + 600_000 });

    // Assess
    expect(failedIds(again)).toEqual([]);
    expect(await aws.auditKeys(world.names.bucket)).toEqual([key]);
    const { rejectedAt: _first, ...firstRest } = JSON.parse(first) as Record<string, unknown>;
    const { rejectedAt: _second, ...secondRest } = JSON.parse(await aws.auditBody(world.names.bucket, key)) as Record<string, unknown>;
    expect(secondRest).toEqual(firstRest);
    expect(JSON.parse(first).rejectedAt).toBe('2025-01-01T00:00:01.000Z');
  });

  it('rejects stale orders without the database: they are never committed, even where it is down', async () => {
    // Prepare
    const event = { Records: [sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD' }), SENT_AT_MS - 3_600_000)] };
    const commits: unknown[] = [];

    // Act
    const response = await processTradeBatch(event, {
      ...world.deps,
      commit: async (items) => {
        commits.push(items);
        throw new Error('connect ECONNREFUSED');
      },
    });

    // Assess
    expect(failedIds(response)).toEqual([]);
    expect(commits).toEqual([]);
    expect(await aws.auditKeys(world.names.bucket)).toEqual(['rejected/2024/12/31/ORD-OLD.json']);
  });

  it('fails a stale record whose rejection cannot be written, so it is redelivered rather than dropped', async () => {
    // Prepare
    const deps = { ...world.deps, settings: { ...world.deps.settings, auditBucket: `${world.names.bucket}-missing` } };
    const event = { Records: [sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD' }), SENT_AT_MS - 3_600_000)] };

    // Act
    const response = await processTradeBatch(event, deps);

    // Assess
    expect(failedIds(response)).toEqual(['m-old']);
    expect(world.logger.reasons().get('m-old')).toMatch(/^stale order not recorded as rejected: NoSuchBucket/);
    expect(world.metrics.value('TradesInserted')).toBe(0);
  });

  it('fails a record without a usable SentTimestamp: its age is unknown', async () => {
    // Prepare
    const record = sqsRecord('m-1', orderBody({ orderId: 'ORD-1' }));
    const event = { Records: [{ ...record, attributes: { ...record.attributes, SentTimestamp: '' } }, sqsRecord('m-2', orderBody({ orderId: 'ORD-2' }))] };

    // Act
    const response = await processTradeBatch(event, world.deps);

    // Assess
    expect(failedIds(response)).toEqual(['m-1']);
    expect(world.logger.reasons().get('m-1')).toMatch(/SentTimestamp/);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-2']);
  });
});

describe('trade-processor on a cluster that is not the writer', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  it('commits nothing, refuses every fresh record until it turns stale, still rejects the stale one, and recovers', async () => {
    // Prepare: the schema exists (the cluster was the writer), then every new session is read-only
    await processTradeBatch(sqsEvent([['m-0', orderBody({ orderId: 'ORD-0' })]]), world.deps);
    await setReadOnly(world.database, true);
    const { poolFor, sharedPostgres, tradeDeps } = await import('../support/services.ts');
    const pool = poolFor(sharedPostgres(), world.database);
    // Assertions read through their own pool, so the processor's pool holds only its own sessions.
    const reader = poolFor(sharedPostgres(), world.database);
    const made = tradeDeps(pool, aws, world.names);
    const { logger, metrics } = made;
    // The schema is in place: straight to the batch transaction and its writer check.
    const deps = { ...made.deps, commit: (items: Parameters<typeof made.deps.commit>[0]) => commitOrders(pool, items, { checkWriter: writerRole }) };
    const sqs = mockClient(deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
    const event = {
      Records: [
        sqsRecord('m-1', orderBody({ orderId: 'ORD-1' })),
        sqsRecord('m-2', orderBody({ orderId: 'ORD-2', userId: 'user-2' })),
        sqsRecord('m-bad', orderBody({ orderId: 'ORD-3', side: 'HOLD' })),
        sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD' }), SENT_AT_MS - 120_000),
      ],
    };
    try {
      // Act
      const refused = await processTradeBatch(event, deps);

      // Assess: nothing committed; the two fresh records (1 s old) refused and kept invisible for
      // ceil(60 - 1) + 1 = 60 s, so they come back 61 s old: stale
      expect(failedIds(refused)).toEqual(['m-1', 'm-2', 'm-bad']);
      expect((await reader.query('SELECT order_id FROM trades ORDER BY order_id')).rows.map((r) => r.order_id)).toEqual(['ORD-0']);
      expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityBatchCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/trading-test-trade-orders',
        Entries: [
          { Id: 'r0', ReceiptHandle: 'receipt-m-1', VisibilityTimeout: 60 },
          { Id: 'r1', ReceiptHandle: 'receipt-m-2', VisibilityTimeout: 60 },
        ],
      });
      expect(logger.reasons().get('m-1')).toMatch(/^refused: this cluster is not the writer \(read-only\).*; back in 60 s, once stale$/);
      expect(metrics.value('BatchesRefusedNotWriter')).toBe(1);
      expect(metrics.value('OrdersRefusedInactive')).toBe(2);
      expect(metrics.value('OrdersRejectedStale')).toBe(1);
      expect(metrics.value('OrdersRejectedWhileInactive')).toBe(1);
      expect(await aws.auditKeys(world.names.bucket)).toEqual(['rejected/2024/12/31/ORD-OLD.json', 'trades/2025/01/31/ORD-0.json']);

      // Act: the cluster is the writer again; the refused session was discarded, the next one writes
      await setReadOnly(world.database, false);
      sqs.resetHistory();
      const again = await processTradeBatch({ Records: event.Records.slice(0, 2) }, deps);

      // Assess
      expect(failedIds(again)).toEqual([]);
      expect((await reader.query('SELECT order_id FROM trades ORDER BY order_id')).rows.map((r) => r.order_id)).toEqual(['ORD-0', 'ORD-1', 'ORD-2']);
      expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityBatchCommand, 0);
      expect(metrics.value('BatchesRefusedNotWriter')).toBe(0);
      expect(metrics.value('OrdersRefusedInactive')).toBe(0);
    } finally {
      sqs.restore();
      await pool.end();
      await reader.end();
    }
  });

  it('refuses the batch even when the visibility cannot be extended', async () => {
    // Prepare
    await processTradeBatch(sqsEvent([['m-0', orderBody({ orderId: 'ORD-0' })]]), world.deps);
    await setReadOnly(world.database, true);
    const { poolFor, sharedPostgres, tradeDeps } = await import('../support/services.ts');
    const pool = poolFor(sharedPostgres(), world.database);
    const { deps, logger } = tradeDeps(pool, aws, world.names);
    const sqs = mockClient(deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).rejects(new Error('AccessDenied'));
    try {
      // Act
      const response = await processTradeBatch(sqsEvent([['m-1', orderBody({ orderId: 'ORD-1' })]]), deps);

      // Assess
      expect(failedIds(response)).toEqual(['m-1']);
      expect(logger.reasons().get('m-1')).toMatch(/^refused: /);
      expect(logger.entries).toContainEqual({ level: 'error', message: 'visibility of refused records not set', extra: { reason: 'Error: AccessDenied', records: 1 } });
    } finally {
      sqs.restore();
      await pool.end();
    }
  });

  it('turns the record source ARN into its queue URL', () => {
    expect(queueUrlFromArn('arn:aws:sqs:us-east-2:123456789012:trading-prod-trade-orders')).toBe('https://sqs.us-east-2.amazonaws.com/123456789012/trading-prod-trade-orders');
    expect(queueUrlFromArn('arn:aws:sqs:us-east-1:123456789012:orders.fifo')).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo');
    expect(queueUrlFromArn('arn:aws:sns:us-east-1:123456789012:topic')).toBeUndefined();
  });
});
