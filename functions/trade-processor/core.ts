// The trade processor's core, free of module state: it receives its clients and settings.
//
// Order of work per batch:
//   1. parse and validate every record (a bad one is reported with its reason, never dropped);
//   2. ONE transaction with ONE multi-row insert for every valid, distinct order (all or nothing);
//   3. per record, only for orders the database holds: session upsert and audit write.
// A database failure fails every valid record (SQS redelivers them); a failure in step 3 fails only
// that record. Everything is idempotent, so any redelivery converges on the same rows and objects.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describeError } from '../shared/aws.ts';
import type { MetricSink } from '../shared/metrics.ts';
import { upsertSession, writeAudit } from './effects.ts';
import { orderDigest, parseOrder, type Order } from './order.ts';
import type { CommitOutcome, OrderToCommit } from './store.ts';

export interface TradeProcessorSettings {
  sessionsTable: string;
  auditBucket: string;
  sessionTtlSeconds: number;
}

export interface LogSink {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

export interface TradeProcessorDeps {
  /** Records the orders in one transaction (see store.commitOrders); throws if nothing was committed. */
  commit(items: OrderToCommit[]): Promise<Map<string, CommitOutcome>>;
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  settings: TradeProcessorSettings;
  logger: LogSink;
  metrics?: MetricSink;
}

/** Why a record failed; carried to Powertools, which reports the record in batchItemFailures. */
export class RecordFailure extends Error {
  override name = 'RecordFailure';
}

type Plan =
  | { kind: 'invalid'; reason: string }
  | { kind: 'conflict'; reason: string }
  | { kind: 'db-failed'; reason: string }
  | { kind: 'committed'; order: Order; outcome: CommitOutcome['status'] };

/**
 * Side effects in flight at once. Powertools runs every record of the batch in parallel; with a
 * batching window a batch can hold thousands, which would queue behind the SDK's socket pool anyway.
 */
export const MAX_CONCURRENT_EFFECTS = 32;

export async function processTradeBatch(event: SQSEvent, deps: TradeProcessorDeps, context?: Context): Promise<SQSBatchResponse> {
  const plans = await commitBatch(event.Records, deps);
  const effects = new Map<string, Promise<void>>();
  const limit = concurrencyLimit(MAX_CONCURRENT_EFFECTS);

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const plan = plans.get(record.messageId)!;
    if (plan.kind !== 'committed') {
      deps.logger.warn('trade record rejected', { messageId: record.messageId, kind: plan.kind, reason: plan.reason });
      throw new RecordFailure(plan.reason);
    }
    // Two deliveries of one order in the same batch share a single run of its side effects.
    let done = effects.get(plan.order.orderId);
    if (!done) {
      const order = plan.order;
      done = limit(() => applyEffects(order, deps));
      effects.set(plan.order.orderId, done);
    }
    try {
      await done;
    } catch (error) {
      const reason = error instanceof RecordFailure ? error.message : describeError(error);
      deps.logger.error('trade side effects failed; the record will be redelivered', { messageId: record.messageId, orderId: plan.order.orderId, reason });
      throw new RecordFailure(reason);
    }
  };

  // A new processor per batch: it holds per-batch state, and the core may run concurrently in tests.
  const processor = new BatchProcessor(EventType.SQS);
  // throwOnFullBatchFailure off: a batch in which every record failed is still answered per record,
  // so the response (and the log) says exactly which records and why, instead of one Lambda error.
  const response = await processPartialResponse(event, recordHandler, processor, {
    ...(context ? { context } : {}),
    throwOnFullBatchFailure: false,
  });
  const counts = countPlans(plans);
  deps.metrics?.addMetric('TradeRecordsFailed', 'Count', response.batchItemFailures.length);
  deps.metrics?.addMetric('TradesInserted', 'Count', counts.inserted);
  deps.metrics?.addMetric('TradesAlreadyRecorded', 'Count', counts.present);
  deps.logger.info('trade batch processed', { records: event.Records.length, failed: response.batchItemFailures.length, ...counts });
  return response;
}

async function commitBatch(records: SQSRecord[], deps: TradeProcessorDeps): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  const firstByOrderId = new Map<string, { messageId: string; order: Order; digest: string }>();
  const waiting: { messageId: string; order: Order }[] = [];

  for (const record of records) {
    const parsed = parseOrder(record.body);
    if (!parsed.ok) {
      plans.set(record.messageId, { kind: 'invalid', reason: parsed.reason });
      continue;
    }
    const digest = orderDigest(parsed.order);
    const first = firstByOrderId.get(parsed.order.orderId);
    if (first && first.digest !== digest) {
      plans.set(record.messageId, {
        kind: 'conflict',
        reason: `orderId ${parsed.order.orderId} appears twice in this batch with different content (see message ${first.messageId})`,
      });
      continue;
    }
    if (!first) firstByOrderId.set(parsed.order.orderId, { messageId: record.messageId, order: parsed.order, digest });
    waiting.push({ messageId: record.messageId, order: parsed.order });
  }

  let outcomes: Map<string, CommitOutcome> | undefined;
  let dbFailure: string | undefined;
  try {
    outcomes = await deps.commit([...firstByOrderId.values()].map(({ messageId, order }) => ({ messageId, order })));
  } catch (error) {
    dbFailure = `database: ${describeError(error)}`;
    deps.logger.error('trade batch not committed; every valid record will be redelivered', { reason: dbFailure, orders: firstByOrderId.size });
  }

  for (const { messageId, order } of waiting) {
    if (dbFailure || !outcomes) {
      plans.set(messageId, { kind: 'db-failed', reason: dbFailure ?? 'database: no outcome' });
      continue;
    }
    const outcome = outcomes.get(order.orderId)!;
    if (outcome.status === 'conflict') {
      plans.set(messageId, { kind: 'conflict', reason: `orderId ${order.orderId} is already recorded with different content (sha256 ${outcome.storedSha256})` });
    } else {
      plans.set(messageId, { kind: 'committed', order, outcome: outcome.status });
    }
  }
  return plans;
}

async function applyEffects(order: Order, deps: TradeProcessorDeps): Promise<void> {
  const { sessionsTable, auditBucket, sessionTtlSeconds } = deps.settings;
  const results = await Promise.allSettled([
    upsertSession(deps.documents, sessionsTable, sessionTtlSeconds, order),
    writeAudit(deps.s3, auditBucket, order),
  ]);
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`${i === 0 ? 'session upsert' : 'audit write'}: ${describeError(r.reason)}`] : []));
  if (failures.length > 0) throw new RecordFailure(failures.join('; '));
}

function concurrencyLimit(max: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    // A finishing task hands its slot straight to the next waiter, so `active` never exceeds max.
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function countPlans(plans: Map<string, Plan>) {
  const counts = { inserted: 0, present: 0, invalid: 0, conflict: 0, dbFailed: 0 };
  const seen = new Set<string>();
  for (const plan of plans.values()) {
    if (plan.kind === 'committed') {
      if (seen.has(plan.order.orderId)) continue;
      seen.add(plan.order.orderId);
      if (plan.outcome === 'inserted') counts.inserted++;
      else counts.present++;
    } else if (plan.kind === 'invalid') counts.invalid++;
    else if (plan.kind === 'conflict') counts.conflict++;
    else counts.dbFailed++;
  }
  return counts;
}
