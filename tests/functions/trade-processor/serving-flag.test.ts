// The trade processor is the gate: its event source mapping is enabled in both regions, and it commits
// only while its region is active: the serving flag reads "true" within its lease AND the cluster is
// the writer. Otherwise nothing is committed, stale records are rejected with their audit record and
// younger ones go back to the queue until they turn stale. Real PostgreSQL, dynalite and s3rver; SQS
// mocked on the instance.
import { ChangeMessageVisibilityBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServingFlagRead } from '../../../functions/shared/serving-flag.ts';
import { processTradeBatch, visibilityUntilStale, type TradeProcessorDeps } from '../../../functions/trade-processor/core.ts';
import { SENT_AT_MS, TEST_NOW_MS, failedIds, freshWorld, orderBody, startLocalAws, tradeRows, type LocalAws, type TradeWorld } from '../support/services.ts';
import { sqsRecord } from './callers.ts';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => {
  await aws.stop();
});

/** The flag as the last write left it, `secondsAgo` before the test clock. */
const flag = (value: string | undefined, secondsAgo: number): ServingFlagRead => ({ value, lastModifiedMs: TEST_NOW_MS - secondsAgo * 1000 });

describe('visibilityUntilStale', () => {
  it.each([
    // [age in ms, max age in s, visibility in s]
    [1_000, 60, 60],
    [0, 60, 61],
    [59_500, 60, 2],
    [60_000, 60, 1],
    [30_250, 60, 31],
    [0, 1, 2],
  ])('an order %d ms old with a maximum of %d s comes back after %d s', (ageMs, maxAge, seconds) => {
    expect(visibilityUntilStale(SENT_AT_MS, SENT_AT_MS + ageMs, maxAge)).toBe(seconds);
  });

  it('always brings the order back older than the maximum age', () => {
    for (let ageMs = 0; ageMs <= 60_000; ageMs += 137) {
      const back = ageMs + visibilityUntilStale(SENT_AT_MS, SENT_AT_MS + ageMs, 60) * 1000;
      expect(back).toBeGreaterThan(60_000);
      expect(back).toBeLessThanOrEqual(62_000);
    }
  });
});

describe('trade-processor as the gate', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  // m-1 is 1 s old, m-2 45 s old, m-old 120 s old (stale).
  const event = () => ({
    Records: [
      sqsRecord('m-1', orderBody({ orderId: 'ORD-1' })),
      sqsRecord('m-2', orderBody({ orderId: 'ORD-2', userId: 'user-2' }), TEST_NOW_MS - 45_000),
      sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD' }), SENT_AT_MS - 120_000),
    ],
  });

  /** world.deps with `servingFlag`, counting the commits (none may happen while not active). */
  function gated(servingFlag: TradeProcessorDeps['servingFlag']) {
    const counter = { commits: 0 };
    const deps: TradeProcessorDeps = { ...world.deps, servingFlag, commit: (items) => (counter.commits++, world.deps.commit(items)) };
    return { deps, counter };
  }

  it('commits while the flag reads "true" within its lease, and still rejects the stale order', async () => {
    const { deps, counter } = gated(async () => flag('true', 149));

    const response = await processTradeBatch(event(), deps);

    expect(failedIds(response)).toEqual([]);
    expect(counter.commits).toBe(1);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-1', 'ORD-2']);
    expect(world.metrics.value('BatchesRefusedNotServing')).toBe(0);
    expect(world.metrics.value('OrdersRefusedInactive')).toBe(0);
    expect(world.metrics.value('OrdersRejectedStale')).toBe(1);
    expect(world.metrics.value('OrdersRejectedWhileInactive')).toBe(0);
  });

  it.each([
    ['"false"', flag('false', 10), /^refused: this region is not active \(the serving flag is "false"\); nothing was committed; back in 60 s, once stale$/],
    ['missing', flag(undefined, 10), /^refused: this region is not active \(the serving flag is missing, not "true" or "false"\)/],
    ['"true" but written longer ago than the lease', flag('true', 151), /^refused: this region is not active \(the serving flag is "true" but was last written 151 s ago, beyond its 150 s lease/],
    ['"true" without a write time', { value: 'true', lastModifiedMs: undefined }, /^refused: this region is not active \(the serving flag is "true" but SSM gave no LastModifiedDate/],
  ])('when the flag is %s: commits nothing, rejects the stale order with its audit record, and returns the others until they turn stale', async (_name, read, reason) => {
    // Prepare
    const sqs = mockClient(world.deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
    const { deps, counter } = gated(async () => read);
    try {
      // Act
      const response = await processTradeBatch(event(), deps);

      // Assess: no transaction; m-1 (1 s old) back after 60 s, m-2 (45 s old) after 16 s, both then
      // older than 60 s; the stale order rejected and kept, its message handled.
      expect(failedIds(response)).toEqual(['m-1', 'm-2']);
      expect(counter.commits).toBe(0);
      expect(await tradeRows(world.pool).catch(() => [])).toEqual([]);
      expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityBatchCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/trading-test-trade-orders',
        Entries: [
          { Id: 'r0', ReceiptHandle: 'receipt-m-1', VisibilityTimeout: 60 },
          { Id: 'r1', ReceiptHandle: 'receipt-m-2', VisibilityTimeout: 16 },
        ],
      });
      expect(await aws.auditKeys(world.names.bucket)).toEqual(['rejected/2024/12/31/ORD-OLD.json']);
      expect(JSON.parse(await aws.auditBody(world.names.bucket, 'rejected/2024/12/31/ORD-OLD.json'))).toMatchObject({ orderId: 'ORD-OLD', reason: 'stale' });
      expect(world.logger.reasons().get('m-1')).toMatch(reason);
      expect(world.metrics.value('BatchesRefusedNotServing')).toBe(1);
      expect(world.metrics.value('BatchesRefusedNotWriter')).toBe(0);
      expect(world.metrics.value('OrdersRefusedInactive')).toBe(2);
      expect(world.metrics.value('OrdersRejectedStale')).toBe(1);
      expect(world.metrics.value('OrdersRejectedWhileInactive')).toBe(1);
    } finally {
      sqs.restore();
    }
  });

  it('refuses the same way when the flag cannot be read, instead of failing the records into a plain redelivery', async () => {
    const sqs = mockClient(world.deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    const { deps, counter } = gated(async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    try {
      const response = await processTradeBatch(event(), deps);

      expect(failedIds(response)).toEqual(['m-1', 'm-2']);
      expect(counter.commits).toBe(0);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
        Entries: [
          { Id: 'r0', ReceiptHandle: 'receipt-m-1', VisibilityTimeout: 60 },
          { Id: 'r1', ReceiptHandle: 'receipt-m-2', VisibilityTimeout: 16 },
        ],
      });
      expect(world.logger.reasons().get('m-1')).toBe(
        'refused: this region is not active (the serving flag could not be read: ThrottlingException: Rate exceeded); nothing was committed; back in 60 s, once stale',
      );
      expect(world.metrics.value('OrdersRejectedWhileInactive')).toBe(1);
    } finally {
      sqs.restore();
    }
  });

  it('rejects the returned order on its second receive, so it never walks to the dead-letter queue', async () => {
    // Prepare: the first receive, 1 s after the acknowledgement, is refused for 60 s.
    const sqs = mockClient(world.deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    let clock = TEST_NOW_MS;
    const { deps, counter } = gated(async () => flag('false', 10));
    const inactive = { ...deps, now: () => clock };
    try {
      const first = await processTradeBatch({ Records: [sqsRecord('m-1', orderBody({ orderId: 'ORD-1' }))] }, inactive);
      const visibility = sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]!.args[0].input.Entries![0]!.VisibilityTimeout!;

      // Act: the second receive, when the visibility runs out.
      clock += visibility * 1000;
      const second = await processTradeBatch({ Records: [{ ...sqsRecord('m-1', orderBody({ orderId: 'ORD-1' })), attributes: { ...sqsRecord('m-1', '').attributes, ApproximateReceiveCount: '2' } }] }, inactive);

      // Assess
      expect(failedIds(first)).toEqual(['m-1']);
      expect(failedIds(second)).toEqual([]);
      expect(counter.commits).toBe(0);
      expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityBatchCommand, 1);
      expect(await aws.auditKeys(world.names.bucket)).toEqual(['rejected/2025/01/01/ORD-1.json']);
      expect(world.metrics.value('OrdersRejectedWhileInactive')).toBe(1);
    } finally {
      sqs.restore();
    }
  });

  it('does not read the flag for a batch with nothing valid in it', async () => {
    let reads = 0;
    const { deps } = gated(async () => (reads++, flag('false', 10)));

    const response = await processTradeBatch({ Records: [sqsRecord('m-bad', orderBody({ side: 'HOLD' }))] }, deps);

    expect(failedIds(response)).toEqual(['m-bad']);
    expect(reads).toBe(0);
  });

  it('returns a batch the database did not take within 20 s, and never later than when it turns stale', async () => {
    // Prepare: active, but the database refuses the connection.
    const sqs = mockClient(world.deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
    const down = Object.assign(new Error('connect ECONNREFUSED 10.0.1.5:5432'), { code: 'ECONNREFUSED' });
    const deps: TradeProcessorDeps = { ...world.deps, servingFlag: async () => flag('true', 10), commit: async () => Promise.reject(down) };
    try {
      // Act
      const response = await processTradeBatch(event(), deps);

      // Assess: m-1 (1 s old) back in 20 s, m-2 (45 s old) in 16 s, when it turns stale; the stale order rejected.
      expect(failedIds(response)).toEqual(['m-1', 'm-2']);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
        Entries: [
          { Id: 'r0', ReceiptHandle: 'receipt-m-1', VisibilityTimeout: 20 },
          { Id: 'r1', ReceiptHandle: 'receipt-m-2', VisibilityTimeout: 16 },
        ],
      });
      expect(world.logger.reasons().get('m-1')).toMatch(/^refused: the database did not take the batch \(ECONNREFUSED: connect ECONNREFUSED 10\.0\.1\.5:5432\); nothing was committed; back in 20 s$/);
      expect(await aws.auditKeys(world.names.bucket)).toEqual(['rejected/2024/12/31/ORD-OLD.json']);
    } finally {
      sqs.restore();
    }
  });
});
