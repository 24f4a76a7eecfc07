// PostgreSQL side of the trade processor: the one transaction per batch that records every valid order
// with a single multi-row insert (the pool is functions/shared/db.ts).
import type pg from 'pg';
import { withClient } from '../shared/db.ts';
import { NotWriterError, type Queryable, type WriterRole } from '../shared/writer.ts';
import type { Caller } from './identity.ts';
import type { Order } from './order.ts';
import { orderDigest } from './order.ts';

/** What the batch transaction did with each distinct order. */
export type CommitOutcome =
  | { status: 'inserted' }
  | { status: 'present' } // already recorded with identical content: a redelivery
  | { status: 'conflict'; storedSha256: string }; // the orderId was recorded with different content

export interface OrderToCommit {
  order: Order;
  messageId: string;
  /**
   * The authenticated caller, stored in client_subject_dn and client_issuer_dn (migration 002). The
   * processor's core always gives it (a record without one is never committed); left out, both
   * columns are NULL, as on rows stored before callers were recorded.
   */
  caller?: Caller;
}

/**
 * SQL for the single insert: unnest() keeps it one statement with 11 parameters for any batch size.
 * The caller's columns come last, so parameters $1-$9 keep their positions.
 */
export const INSERT_ORDERS_SQL = `
INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id, client_subject_dn, client_issuer_dn)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[])
ON CONFLICT (order_id) DO NOTHING
RETURNING order_id`;

/**
 * Records the orders in one transaction: either every row is committed or none is. Orders must have
 * distinct orderIds. Returns the outcome per orderId; throws (after rolling back) if the database
 * fails, in which case nothing of this batch is stored.
 *
 * With `checkWriter` (the handler always passes shared/writer.ts writerRole), the transaction first asks
 * the database whether it is the writer; on a reader or a demoted old primary it rolls back before
 * writing anything and throws NotWriterError, so a refusal is told apart from a failure.
 */
export async function commitOrders(
  pool: pg.Pool,
  batch: OrderToCommit[],
  options: { checkWriter?: (client: Queryable) => Promise<WriterRole> } = {},
): Promise<Map<string, CommitOutcome>> {
  const outcomes = new Map<string, CommitOutcome>();
  if (batch.length === 0) return outcomes;
  // Rows in key order, so two overlapping batches committing at once take row locks in the same order.
  const items = [...batch].sort((a, b) => (a.order.orderId < b.order.orderId ? -1 : a.order.orderId > b.order.orderId ? 1 : 0));
  const digests = new Map(items.map((i) => [i.order.orderId, orderDigest(i.order)]));
  await withClient(pool, async (client) => {
    try {
      await client.query('BEGIN');
      if (options.checkWriter) {
        const role = await options.checkWriter(client);
        if (!role.writer) throw new NotWriterError(role.reason);
      }
      const col = <T>(f: (i: OrderToCommit) => T) => items.map(f);
      const inserted = await client.query<{ order_id: string }>(INSERT_ORDERS_SQL, [
        col((i) => i.order.orderId),
        col((i) => i.order.userId),
        col((i) => i.order.symbol),
        col((i) => i.order.side),
        col((i) => String(i.order.quantity)),
        col((i) => String(i.order.price)),
        col((i) => i.order.timestamp),
        col((i) => digests.get(i.order.orderId)!),
        col((i) => i.messageId),
        col((i) => i.caller?.subjectDN ?? null),
        col((i) => i.caller?.issuerDN ?? null),
      ]);
      for (const r of inserted.rows) outcomes.set(r.order_id, { status: 'inserted' });
      const existing = items.map((i) => i.order.orderId).filter((id) => !outcomes.has(id));
      if (existing.length > 0) {
        const stored = await client.query<{ order_id: string; payload_sha256: string }>(
          'SELECT order_id, payload_sha256 FROM trades WHERE order_id = ANY($1::text[])',
          [existing],
        );
        for (const r of stored.rows) {
          outcomes.set(r.order_id, r.payload_sha256 === digests.get(r.order_id) ? { status: 'present' } : { status: 'conflict', storedSha256: r.payload_sha256 });
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
  for (const i of items) {
    if (!outcomes.has(i.order.orderId)) throw new Error(`order ${i.order.orderId} was neither inserted nor found`);
  }
  return outcomes;
}
