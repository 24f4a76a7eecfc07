// The trade processor's core, free of module state: it receives its clients and settings.
//
// Order of work per batch:
//   1. parse and validate every record (a bad one is reported with its reason, never dropped), and
//      bind it to its caller: the client certificate subject and issuer the API queued with it
//      (identity.ts). A record without them, or whose userId is not the certificate's CN, is never
//      committed; it is reported like a malformed one (batchItemFailures, so after maxReceiveCount
//      receives it waits in the DLQ with its attributes), with the reason and the caller logged;
//   2. reject stale orders: acknowledged (SentTimestamp) more than maxOrderAgeSeconds ago. They are
//      never committed; a rejection record goes to the audit bucket and the message is handled;
//   3. the gate: this region is active only if its serving flag (the local mirror of the active-region
//      authority) reads "true" within its lease (shared/serving-flag.ts) AND the cluster is the writer
//      (asked of the database inside the transaction). The event source mapping is enabled in both
//      regions, so this gate is what keeps the inactive region from committing;
//   4. active: ONE transaction with ONE multi-row insert for every valid, fresh, distinct order (all
//      or nothing). Not active (flag false, lease run out, flag unreadable, or not the writer): nothing
//      is committed and every fresh record is refused: it goes back to the queue with a visibility
//      timeout that brings it back just as it turns stale (ceil(maxAge - age) + 1 s), and it is then
//      rejected as in 2. A message is so received at most twice while its region is not active, and
//      the refusal never walks it to the DLQ;
//   5. per record, only for orders the database holds: session upsert and audit write. The row, the
//      audit object and a stale order's rejection record all carry the caller.
// A database failure fails every valid record (SQS redelivers them); a failure in step 4 fails only
// that record. Everything is idempotent, so any redelivery converges on the same rows and objects.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describeError } from '../shared/aws.ts';
import type { MetricSink } from '../shared/metrics.ts';
import { flagVerdict, type ServingFlagRead } from '../shared/serving-flag.ts';
import { NotServingError, NotWriterError } from '../shared/writer.ts';
import { upsertSession, writeAudit, writeRejection } from './effects.ts';
import { authorizeUser, callerOf, type Caller } from './identity.ts';
import { orderDigest, parseOrder, staleRejection, type Order, type Rejection } from './order.ts';
import type { CommitOutcome, OrderToCommit } from './store.ts';

export interface TradeProcessorSettings {
  sessionsTable: string;
  auditBucket: string;
  sessionTtlSeconds: number;
  /** An order acknowledged more than this long before now is stale: rejected, never committed. */
  maxOrderAgeSeconds: number;
  /** The serving flag counts only if it was written at most this long ago (SERVING_LEASE_SECONDS). */
  servingLeaseSeconds: number;
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
  /** Sets the visibility of refused records (ChangeMessageVisibilityBatch on the record's queue). */
  sqs: SQSClient;
  /**
   * This region's serving flag and its write time (shared/serving-flag.ts servingFlagReader, cached at
   * most 10 s); throws when SSM fails. Nothing is committed unless it reads "true" within the lease.
   */
  servingFlag: () => Promise<ServingFlagRead>;
  settings: TradeProcessorSettings;
  /** Milliseconds clock for the age of orders; Date.now unless a test or the drill gives its own. */
  now?: () => number;
  logger: LogSink;
  metrics?: MetricSink;
}

/** Why a record failed; carried to Powertools, which reports the record in batchItemFailures. */
export class RecordFailure extends Error {
  override name = 'RecordFailure';
}

type RefusalCause = 'not-writer' | 'not-serving' | 'database';

type Plan =
  | { kind: 'invalid'; reason: string }
  // No authenticated caller, or one that may not place this order: never committed.
  | { kind: 'caller-refused'; reason: string; caller?: Caller }
  | { kind: 'stale'; rejection: Rejection; whileInactive: boolean }
  | { kind: 'refused'; reason: string; cause: RefusalCause; visibilitySeconds: number }
  | { kind: 'conflict'; reason: string }
  | { kind: 'db-failed'; reason: string }
  | { kind: 'committed'; order: Order; caller: Caller; outcome: CommitOutcome['status'] };

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
    if (plan.kind === 'stale') {
      await rejectStale(record, plan.rejection, deps);
      return;
    }
    if (plan.kind !== 'committed') {
      deps.logger.warn('trade record rejected', {
        messageId: record.messageId,
        kind: plan.kind,
        reason: plan.reason,
        ...(plan.kind === 'refused' ? { visibilityTimeoutSeconds: plan.visibilitySeconds } : {}),
        ...(plan.kind === 'caller-refused' && plan.caller ? { clientSubjectDN: plan.caller.subjectDN, clientIssuerDN: plan.caller.issuerDN } : {}),
      });
      throw new RecordFailure(plan.reason);
    }
    // Two deliveries of one order in the same batch share a single run of its side effects.
    let done = effects.get(plan.order.orderId);
    if (!done) {
      const { order, caller } = plan;
      done = limit(() => applyEffects(order, caller, deps));
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
  deps.metrics?.addMetric('OrdersRejectedStale', 'Count', counts.stale);
  deps.metrics?.addMetric('OrdersRefusedCaller', 'Count', counts.callerRefused);
  deps.metrics?.addMetric('BatchesRefusedNotWriter', 'Count', counts.refusedNotWriter > 0 ? 1 : 0);
  deps.metrics?.addMetric('BatchesRefusedNotServing', 'Count', counts.refusedNotServing > 0 ? 1 : 0);
  deps.metrics?.addMetric('OrdersRefusedInactive', 'Count', counts.refusedNotWriter + counts.refusedNotServing);
  deps.metrics?.addMetric('OrdersRejectedWhileInactive', 'Count', counts.staleWhileInactive);
  deps.logger.info('trade batch processed', { records: event.Records.length, failed: response.batchItemFailures.length, ...counts });
  return response;
}

async function commitBatch(records: SQSRecord[], deps: TradeProcessorDeps): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  const firstByOrderId = new Map<string, { messageId: string; order: Order; digest: string; caller: Caller }>();
  const waiting: { record: SQSRecord; order: Order }[] = [];
  const stale: { messageId: string; rejection: Rejection }[] = [];
  const now = (deps.now ?? Date.now)();
  const maxAge = deps.settings.maxOrderAgeSeconds;

  for (const record of records) {
    const parsed = parseOrder(record.body);
    if (!parsed.ok) {
      plans.set(record.messageId, { kind: 'invalid', reason: parsed.reason });
      continue;
    }
    const identified = callerOf(record);
    if (!identified.ok) {
      plans.set(record.messageId, { kind: 'caller-refused', reason: identified.reason });
      continue;
    }
    const caller = identified.caller;
    const allowed = authorizeUser(parsed.order.userId, caller);
    if (!allowed.ok) {
      plans.set(record.messageId, { kind: 'caller-refused', reason: allowed.reason, caller });
      continue;
    }
    const age = staleRejection(parsed.order, record.attributes?.SentTimestamp, now, maxAge, record.awsRegion, caller);
    if (!age.ok) {
      plans.set(record.messageId, { kind: 'invalid', reason: age.reason });
      continue;
    }
    if (age.rejection) {
      stale.push({ messageId: record.messageId, rejection: age.rejection });
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
    if (!first) firstByOrderId.set(parsed.order.orderId, { messageId: record.messageId, order: parsed.order, digest, caller });
    waiting.push({ record, order: parsed.order });
  }

  // Stale orders are rejected whatever the gate says; the gate only tells the metric whether this
  // region was active (a batch with nothing valid in it does not read the flag).
  const markStale = (whileInactive: boolean) => {
    for (const { messageId, rejection } of stale) plans.set(messageId, { kind: 'stale', rejection, whileInactive });
  };
  markStale(false);
  if (waiting.length === 0 && stale.length === 0) return plans;

  const refuse = async (reason: string, cause: RefusalCause) => {
    markStale(true);
    // Not active: back once stale. Database unavailable: back within DATABASE_RETRY_SECONDS, so a short
    // outage delays orders instead of turning them stale, and still no later than when they turn stale.
    const visibility = (record: SQSRecord) => {
      const untilStale = visibilityUntilStale(Number(record.attributes.SentTimestamp), now, maxAge);
      return cause === 'database' ? Math.min(DATABASE_RETRY_SECONDS, untilStale) : untilStale;
    };
    const refused = waiting.map(({ record }) => ({ record, visibilitySeconds: visibility(record) }));
    await refuseRecords(refused, reason, deps);
    for (const { record, visibilitySeconds } of refused) {
      const when = cause === 'database' ? `back in ${visibilitySeconds} s` : `back in ${visibilitySeconds} s, once stale`;
      plans.set(record.messageId, { kind: 'refused', reason: `refused: ${reason}; ${when}`, cause, visibilitySeconds });
    }
    return plans;
  };

  let flag: ServingFlagRead | undefined;
  let unreadable: string | undefined;
  try {
    flag = await deps.servingFlag();
  } catch (error) {
    // Unknown is not active: the same refusal, so a passing SSM error does not spend receives.
    unreadable = `the serving flag could not be read: ${describeError(error)}`;
  }
  const verdict = flag ? flagVerdict(flag, deps.settings.servingLeaseSeconds, now) : undefined;
  if (!verdict?.active) {
    const detail = unreadable ?? (verdict && !verdict.active ? verdict.detail : 'the serving flag was not read');
    return refuse(new NotServingError(detail).message, 'not-serving');
  }
  if (waiting.length === 0) return plans;

  let outcomes: Map<string, CommitOutcome> | undefined;
  try {
    outcomes = await deps.commit([...firstByOrderId.values()].map(({ messageId, order, caller }) => ({ messageId, order, caller })));
  } catch (error) {
    // The writer check in the transaction, or the database itself refusing a write as read-only
    // (SQLSTATE 25006, e.g. a session opened while the cluster was a secondary).
    const readOnly = (error as { code?: unknown }).code === '25006';
    if (error instanceof NotWriterError || readOnly) {
      return refuse(error instanceof NotWriterError ? error.message : `this cluster is not the writer (${describeError(error)}); nothing was committed`, 'not-writer');
    }
    // The database did not take the batch (unreachable, failing over, timed out): refused like an
    // inactive region, so the records come back before they turn stale and, if the database stays
    // away, are rejected once stale instead of waiting out the queue's visibility timeout.
    deps.logger.error('trade batch not committed; every valid record is refused', { reason: describeError(error), orders: firstByOrderId.size });
    return refuse(`the database did not take the batch (${describeError(error)}); nothing was committed`, 'database');
  }

  for (const { record, order } of waiting) {
    const messageId = record.messageId;
    if (!outcomes) {
      plans.set(messageId, { kind: 'db-failed', reason: 'database: no outcome' });
      continue;
    }
    const outcome = outcomes.get(order.orderId)!;
    if (outcome.status === 'conflict') {
      plans.set(messageId, { kind: 'conflict', reason: `orderId ${order.orderId} is already recorded with different content (sha256 ${outcome.storedSha256})` });
    } else {
      // The caller of the delivery the row was written from, so the audit object says the same.
      plans.set(messageId, { kind: 'committed', order, caller: firstByOrderId.get(order.orderId)!.caller, outcome: outcome.status });
    }
  }
  return plans;
}

/**
 * The visibility timeout that brings a refused record back just as it turns stale: ceil(maxAge - age)
 * + 1 seconds, at least 1. When it is received again its age is above maxAge, so it is rejected (with
 * its audit record) instead of refused again: at most two receives while its region is not active,
 * far below the queue's maxReceiveCount, so a refusal never walks it to the DLQ.
 */
/** How soon a batch the database did not take comes back (at most; never later than when it turns stale). */
export const DATABASE_RETRY_SECONDS = 20;

export function visibilityUntilStale(sentAtMs: number, nowMs: number, maxOrderAgeSeconds: number): number {
  const ageSeconds = (nowMs - sentAtMs) / 1000;
  return Math.max(1, Math.ceil(maxOrderAgeSeconds - ageSeconds) + 1);
}

/**
 * Refused records go back to the queue, each with its own visibility timeout (visibilityUntilStale),
 * then fail in the batch response. A failed change is logged; the records are refused anyway (they
 * then come back after the queue's own visibility timeout).
 */
async function refuseRecords(records: { record: SQSRecord; visibilitySeconds: number }[], reason: string, deps: TradeProcessorDeps): Promise<void> {
  if (records.length === 0) return;
  const seconds = records.map((r) => r.visibilitySeconds);
  deps.logger.warn('trade batch refused; nothing was committed', {
    reason,
    records: records.length,
    visibilityTimeoutSeconds: { min: Math.min(...seconds), max: Math.max(...seconds) },
  });
  const byQueue = new Map<string, typeof records>();
  for (const r of records) {
    const list = byQueue.get(r.record.eventSourceARN) ?? [];
    list.push(r);
    byQueue.set(r.record.eventSourceARN, list);
  }
  for (const [arn, list] of byQueue) {
    const queueUrl = queueUrlFromArn(arn);
    if (!queueUrl) {
      deps.logger.error('visibility of refused records not set: the record names no SQS queue', { eventSourceARN: arn });
      continue;
    }
    // ChangeMessageVisibilityBatch takes at most 10 entries.
    for (let i = 0; i < list.length; i += 10) {
      const chunk = list.slice(i, i + 10);
      try {
        const out = await deps.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((r, j) => ({ Id: `r${i + j}`, ReceiptHandle: r.record.receiptHandle, VisibilityTimeout: r.visibilitySeconds })),
          }),
        );
        if (out.Failed && out.Failed.length > 0) {
          deps.logger.error('visibility of some refused records not set', { failed: out.Failed.map((f) => `${f.Id}: ${f.Code ?? ''} ${f.Message ?? ''}`.trim()) });
        }
      } catch (error) {
        deps.logger.error('visibility of refused records not set', { reason: describeError(error), records: chunk.length });
      }
    }
  }
}

/** arn:aws:sqs:<region>:<account>:<name> -> https://sqs.<region>.amazonaws.com/<account>/<name>. */
export function queueUrlFromArn(arn: string): string | undefined {
  const m = /^arn:(aws[a-z-]*):sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]+)$/.exec(arn);
  if (!m) return undefined;
  const [, partition, region, account, name] = m;
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${suffix}/${account}/${name}`;
}

/**
 * Writes the rejection record of a stale order, then reports the message as handled. If the record
 * cannot be written the message fails instead, so the rejection is retried: a stale order is never
 * dropped without a trace.
 */
async function rejectStale(record: SQSRecord, rejection: Rejection, deps: TradeProcessorDeps): Promise<void> {
  let written: 'written' | 'present';
  try {
    written = await writeRejection(deps.s3, deps.settings.auditBucket, rejection);
  } catch (error) {
    const reason = `stale order not recorded as rejected: ${describeError(error)}`;
    deps.logger.error('stale order rejection not written; the record will be redelivered', { messageId: record.messageId, orderId: rejection.orderId, reason });
    throw new RecordFailure(reason);
  }
  deps.logger.warn('stale order rejected, not executed', {
    outcome: 'rejected-stale',
    messageId: record.messageId,
    orderId: rejection.orderId,
    reason: `stale: acknowledged at ${rejection.acknowledgedAt}, more than ${rejection.maxOrderAgeSeconds} s before ${rejection.rejectedAt}`,
    rejectionRecord: written,
  });
}

async function applyEffects(order: Order, caller: Caller, deps: TradeProcessorDeps): Promise<void> {
  const { sessionsTable, auditBucket, sessionTtlSeconds } = deps.settings;
  const results = await Promise.allSettled([
    upsertSession(deps.documents, sessionsTable, sessionTtlSeconds, order),
    writeAudit(deps.s3, auditBucket, order, caller),
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
  const counts = { inserted: 0, present: 0, invalid: 0, callerRefused: 0, conflict: 0, dbFailed: 0, stale: 0, staleWhileInactive: 0, refusedNotWriter: 0, refusedNotServing: 0 };
  const seen = new Set<string>();
  for (const plan of plans.values()) {
    if (plan.kind === 'committed') {
      if (seen.has(plan.order.orderId)) continue;
      seen.add(plan.order.orderId);
      if (plan.outcome === 'inserted') counts.inserted++;
      else counts.present++;
    } else if (plan.kind === 'invalid') counts.invalid++;
    else if (plan.kind === 'caller-refused') counts.callerRefused++;
    else if (plan.kind === 'stale') {
      counts.stale++;
      if (plan.whileInactive) counts.staleWhileInactive++;
    }
    else if (plan.kind === 'refused') {
      if (plan.cause === 'not-serving') counts.refusedNotServing++;
      else if (plan.cause === 'database') counts.dbFailed++;
      else counts.refusedNotWriter++;
    }
    else if (plan.kind === 'conflict') counts.conflict++;
    else counts.dbFailed++;
  }
  return counts;
}
