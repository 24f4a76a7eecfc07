// What each record of the active region says about orders: the audit trail (S3, replicated from the
// other region), the sessions table (DynamoDB global table) and the trades table of the writer
// (PostgreSQL). Readers only: nothing here writes, and each takes its client as an argument.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Order } from '../../functions/trade-processor/order.ts';

/** An order as its audit object records it (functions/trade-processor/order.ts auditBody, key auditKey). */
export interface AuditRecord {
  order: Order;
  key: string;
  /** The client certificate's subject, when the audit body carries it (mutual TLS, decision 008). */
  clientSubjectDN?: string;
}

/** The one order a user's session item points at (functions/trade-processor/effects.ts upsertSession). */
export interface SessionRecord {
  userId: string;
  orderId: string;
  timestamp: string;
  symbol?: string;
  side?: string;
}

/** A row of the trades table (functions/db-migrator/migrations/001_create_trades.sql). */
export interface TradeRow {
  orderId: string;
  userId: string;
  symbol: string;
  side: string;
  /** numeric, as PostgreSQL prints it: exact, never a float. */
  quantity: string;
  price: string;
  timestamp: string;
  payloadSha256: string;
}

/** Something a reader found but could not use: reported, never dropped silently. */
export interface Unreadable {
  where: string;
  reason: string;
}

/** trades/YYYY/MM/DD/<orderId>.json (auditKey). rejected/... holds stale rejections, which are not executions. */
const AUDIT_KEY = /^trades\/(\d{4})\/(\d{2})\/(\d{2})\/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.json$/;

// The audit body is the order plus, since decision 008, the caller; unknown fields are tolerated so a
// later field in the body does not hide an order from the reconciliation.
const auditSchema = z.looseObject({
  orderId: z.string(),
  userId: z.string(),
  symbol: z.string(),
  side: z.enum(['BUY', 'SELL']),
  quantity: z.number().positive(),
  price: z.number().positive(),
  timestamp: z.iso.datetime({ offset: true }),
  clientSubjectDN: z.string().optional(),
});

/** The day prefixes trades/YYYY/MM/DD/ from `since` to the day after `until` (UTC), or trades/ when the span is open or long. */
export function auditPrefixes(since: Date | undefined, until: Date, maxDays = 62): string[] {
  if (!since) return ['trades/'];
  const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const first = day(since);
  // One day past `until`: the key is dated by the client's own timestamp, which may run ahead of ours.
  const last = day(until) + 86_400_000;
  if (last < first || (last - first) / 86_400_000 >= maxDays) return ['trades/'];
  const out: string[] = [];
  for (let t = first; t <= last; t += 86_400_000) out.push(`trades/${new Date(t).toISOString().slice(0, 10).replaceAll('-', '/')}/`);
  return out;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Every audit object of the window: orders timestamped at or after `since` (all when absent). */
export async function readAuditTrail(
  s3: S3Client,
  bucket: string,
  window: { since?: Date | undefined; until: Date },
): Promise<{ records: AuditRecord[]; unreadable: Unreadable[] }> {
  const keys: string[] = [];
  for (const prefix of auditPrefixes(window.since, window.until)) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  const unreadable: Unreadable[] = [];
  const read = await mapLimit(keys, 16, async (key): Promise<AuditRecord | undefined> => {
    const where = `s3://${bucket}/${key}`;
    const match = AUDIT_KEY.exec(key);
    if (!match) {
      unreadable.push({ where, reason: 'not an audit key (trades/YYYY/MM/DD/<orderId>.json)' });
      return undefined;
    }
    const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
    let json: unknown;
    try {
      json = JSON.parse(body ?? '');
    } catch {
      unreadable.push({ where, reason: 'body is not JSON' });
      return undefined;
    }
    const parsed = auditSchema.safeParse(json);
    if (!parsed.success) {
      unreadable.push({ where, reason: `body is not an order: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}` });
      return undefined;
    }
    const { orderId, userId, symbol, side, quantity, price, clientSubjectDN } = parsed.data;
    if (orderId !== match[4]) {
      unreadable.push({ where, reason: `body says orderId ${orderId}, the key says ${match[4]}` });
      return undefined;
    }
    const order: Order = { orderId, userId, symbol, side, quantity, price, timestamp: new Date(parsed.data.timestamp).toISOString() };
    if (window.since && Date.parse(order.timestamp) < window.since.getTime()) return undefined;
    return { order, key, ...(clientSubjectDN ? { clientSubjectDN } : {}) };
  });
  return { records: read.filter((r): r is AuditRecord => r !== undefined), unreadable };
}

/** Every session whose last order is in the window. One item per user: only the latest order of each. */
export async function readSessions(
  documents: DynamoDBDocumentClient,
  table: string,
  window: { since?: Date | undefined },
): Promise<{ records: SessionRecord[]; unreadable: Unreadable[] }> {
  const records: SessionRecord[] = [];
  const unreadable: Unreadable[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: 'userId, lastOrderId, lastOrderAt, lastSymbol, lastSide',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const { userId, lastOrderId, lastOrderAt, lastSymbol, lastSide } = item as Record<string, unknown>;
      if (typeof userId !== 'string') continue;
      if (typeof lastOrderId !== 'string' || typeof lastOrderAt !== 'string' || Number.isNaN(Date.parse(lastOrderAt))) {
        unreadable.push({ where: `${table} userId=${userId}`, reason: 'no lastOrderId and lastOrderAt' });
        continue;
      }
      if (window.since && Date.parse(lastOrderAt) < window.since.getTime()) continue;
      records.push({
        userId,
        orderId: lastOrderId,
        timestamp: new Date(lastOrderAt).toISOString(),
        ...(typeof lastSymbol === 'string' ? { symbol: lastSymbol } : {}),
        ...(typeof lastSide === 'string' ? { side: lastSide } : {}),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { records, unreadable };
}

interface RowShape {
  order_id: string;
  user_id: string;
  symbol: string;
  side: string;
  quantity: string;
  price: string;
  ordered_at: Date;
  payload_sha256: string;
}

const ROW_COLUMNS = 'order_id, user_id, symbol, side, quantity::text AS quantity, price::text AS price, ordered_at, payload_sha256';

/** SQL of the window: every row ordered at or after $1 (all rows when $1 is null). */
export const WINDOW_ROWS_SQL = `SELECT ${ROW_COLUMNS} FROM trades WHERE $1::timestamptz IS NULL OR ordered_at >= $1::timestamptz ORDER BY order_id`;
/** SQL of the lookup: the rows of the given order ids, whenever they were ordered. */
export const ROWS_BY_ID_SQL = `SELECT ${ROW_COLUMNS} FROM trades WHERE order_id = ANY($1::text[]) ORDER BY order_id`;

const toRow = (r: RowShape): TradeRow => ({
  orderId: r.order_id,
  userId: r.user_id,
  symbol: r.symbol,
  side: r.side,
  quantity: r.quantity,
  price: r.price,
  timestamp: new Date(r.ordered_at).toISOString(),
  payloadSha256: r.payload_sha256,
});

/** What the trades reader needs of a pg Pool or client: parameterised queries. */
export interface SqlQueryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The rows of the window, plus the rows of `alsoIds` outside it (an order the records saw in the
 * window may have been stored with another ordered_at only if its content differs; the lookup finds it).
 */
export async function readTrades(db: SqlQueryable, window: { since?: Date | undefined }, alsoIds: readonly string[]): Promise<TradeRow[]> {
  const rows = (await db.query<RowShape>(WINDOW_ROWS_SQL, [window.since?.toISOString() ?? null])).rows.map(toRow);
  const found = new Set(rows.map((r) => r.orderId));
  const rest = [...new Set(alsoIds)].filter((id) => !found.has(id));
  if (rest.length) rows.push(...(await db.query<RowShape>(ROWS_BY_ID_SQL, [rest])).rows.map(toRow));
  return rows;
}
