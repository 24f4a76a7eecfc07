// The trade processor commits only while its region's serving flag reads "true" (the local mirror of
// the active-region authority); otherwise the batch is refused like one on a non-writer. Real
// PostgreSQL, dynalite and s3rver; SQS mocked on the instance.
import { ChangeMessageVisibilityBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processTradeBatch } from '../../../functions/trade-processor/core.ts';
import { SENT_AT_MS, failedIds, freshWorld, orderBody, sqsRecord, startLocalAws, tradeRows, type LocalAws, type TradeWorld } from '../support/services.ts';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => {
  await aws.stop();
});

describe('trade-processor and the serving flag', () => {
  let world: TradeWorld;
  beforeEach(async () => {
    world = await freshWorld(aws);
    return () => world.pool.end();
  });

  const event = () => ({
    Records: [
      sqsRecord('m-1', orderBody({ orderId: 'ORD-1' })),
      sqsRecord('m-2', orderBody({ orderId: 'ORD-2', userId: 'user-2' })),
      sqsRecord('m-old', orderBody({ orderId: 'ORD-OLD' }), SENT_AT_MS - 120_000),
    ],
  });

  it('commits while the flag reads "true"', async () => {
    const response = await processTradeBatch(event(), { ...world.deps, servingFlag: async () => 'true' });

    expect(failedIds(response)).toEqual([]);
    expect((await tradeRows(world.pool)).map((r) => r.order_id)).toEqual(['ORD-1', 'ORD-2']);
    expect(world.metrics.value('BatchesRefusedNotServing')).toBe(0);
  });

  it.each([
    ['"false"', 'false', /^refused: this region is not the active one \(serving flag is "false"\); nothing was committed$/],
    ['missing', undefined, /^refused: this region is not the active one \(serving flag is missing\)/],
  ])('refuses with the long visibility timeout when the flag is %s, and still rejects the stale order', async (_name, value, reason) => {
    // Prepare
    const sqs = mockClient(world.deps.sqs);
    sqs.on(ChangeMessageVisibilityBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
    let committed = 0;
    const deps = { ...world.deps, servingFlag: async () => value, commit: (items: Parameters<typeof world.deps.commit>[0]) => (committed++, world.deps.commit(items)) };
    try {
      // Act
      const response = await processTradeBatch(event(), deps);

      // Assess: no transaction at all, the fresh records kept invisible for 900 s, the stale one handled
      expect(failedIds(response)).toEqual(['m-1', 'm-2']);
      expect(committed).toBe(0);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityBatchCommand, {
        Entries: [
          { Id: 'r0', ReceiptHandle: 'receipt-m-1', VisibilityTimeout: 900 },
          { Id: 'r1', ReceiptHandle: 'receipt-m-2', VisibilityTimeout: 900 },
        ],
      });
      expect(world.logger.reasons().get('m-1')).toMatch(reason);
      expect(world.metrics.value('BatchesRefusedNotServing')).toBe(1);
      expect(world.metrics.value('BatchesRefusedNotWriter')).toBe(0);
      expect(world.metrics.value('OrdersRejectedStale')).toBe(1);
    } finally {
      sqs.restore();
    }
  });

  it('fails the records for a plain redelivery, without the long visibility, when the flag cannot be read', async () => {
    const sqs = mockClient(world.deps.sqs);
    let committed = 0;
    try {
      const response = await processTradeBatch(event(), {
        ...world.deps,
        commit: (items) => (committed++, world.deps.commit(items)),
        servingFlag: async () => {
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        },
      });

      expect(failedIds(response)).toEqual(['m-1', 'm-2']);
      expect(committed).toBe(0);
      expect(sqs).not.toHaveReceivedAnyCommand();
      expect(world.logger.reasons().get('m-1')).toBe('serving flag unreadable: ThrottlingException: Rate exceeded; nothing was committed');
    } finally {
      sqs.restore();
    }
  });

  it('does not read the flag for a batch with nothing to commit', async () => {
    let reads = 0;
    const response = await processTradeBatch({ Records: [sqsRecord('m-bad', orderBody({ side: 'HOLD' }))] }, { ...world.deps, servingFlag: async () => (reads++, 'false') });

    expect(failedIds(response)).toEqual(['m-bad']);
    expect(reads).toBe(0);
  });
});
