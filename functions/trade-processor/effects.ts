// The per-order side effects that follow a committed insert. Both are idempotent, so a redelivery
// (or a retry after one of them failed) repeats them without creating anything new.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from './identity.ts';
import { auditBody, auditKey, orderSequenceKey, rejectionBody, rejectionKey, sessionKey, type Order, type Rejection } from './order.ts';

/** Sessions table layout (modules/global-data): hash key userId, TTL attribute expiresAt (epoch seconds). */
export const SESSION_TTL_ATTRIBUTE = 'expiresAt';

/**
 * Moves the user's session forward to this order. The condition keeps the session at the
 * latest order whatever the delivery order, and makes a repeat a no-op; every value comes from the
 * order itself (expiry = order time + TTL), never from the clock.
 */
export async function upsertSession(
  documents: DynamoDBDocumentClient,
  table: string,
  ttlSeconds: number,
  order: Order,
): Promise<'updated' | 'unchanged'> {
  const sequence = orderSequenceKey(order);
  try {
    await documents.send(
      new UpdateCommand({
        TableName: table,
        Key: sessionKey(order),
        UpdateExpression:
          'SET lastOrderId = :orderId, lastOrderAt = :at, lastOrderSequence = :seq, lastSymbol = :symbol, lastSide = :side, tradingDay = :day, #ttl = :expires',
        ConditionExpression: 'attribute_not_exists(lastOrderSequence) OR lastOrderSequence < :seq',
        ExpressionAttributeNames: { '#ttl': SESSION_TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':orderId': order.orderId,
          ':at': order.timestamp,
          ':seq': sequence,
          ':symbol': order.symbol,
          ':side': order.side,
          ':day': order.timestamp.slice(0, 10),
          ':expires': Math.floor(Date.parse(order.timestamp) / 1000) + ttlSeconds,
        },
      }),
    );
    return 'updated';
  } catch (error) {
    // The session already reflects this order or a later one.
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'unchanged';
    throw error;
  }
}

/**
 * Writes the audit object once. If-None-Match makes S3 refuse a second write of the key, so a
 * redelivery adds no object version (the bucket is versioned and under Object Lock); the body is
 * deterministic, so an earlier write is always the same record (with the caller of the delivery that
 * wrote it: under the CN rule every delivery of an order names the same user).
 */
export function writeAudit(s3: S3Client, bucket: string, order: Order, caller: Caller): Promise<'written' | 'present'> {
  return putOnce(s3, bucket, auditKey(order), auditBody(order, caller));
}

/**
 * Writes the rejection record of a stale order once, like the audit object. The first rejection wins:
 * a redelivery of the same message finds the key taken and writes nothing, so the object keeps the
 * first rejectedAt and never gains a second version.
 */
export function writeRejection(s3: S3Client, bucket: string, rejection: Rejection): Promise<'written' | 'present'> {
  return putOnce(s3, bucket, rejectionKey(rejection), rejectionBody(rejection));
}

async function putOnce(s3: S3Client, bucket: string, key: string, body: string): Promise<'written' | 'present'> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        IfNoneMatch: '*',
        // Object Lock buckets require an integrity checksum on every write.
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    return 'written';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 412 || (error as Error).name === 'PreconditionFailed') return 'present';
    throw error;
  }
}
