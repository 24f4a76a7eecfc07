// The reconciliation itself, pure: which orders the replicated records (audit trail, sessions) saw
// that the new writer has not committed, which rows no record saw, and which rows contradict their
// audit record. No I/O and no clock: the same inputs always give the same answer.
import { orderDigest } from '../../functions/trade-processor/order.ts';
import type { AuditRecord, SessionRecord, TradeRow, Unreadable } from './records.ts';

export type Source = 'audit' | 'sessions';

/** What is known of an order that was acknowledged but is not in the writer. */
export interface MissingOrder {
  orderId: string;
  userId: string;
  symbol?: string;
  side?: string;
  quantity?: number;
  price?: number;
  timestamp: string;
  clientSubjectDN?: string;
  seenIn: Source[];
  /** The audit object's key, when the audit trail saw it. */
  auditKey?: string;
  /** Every field of the order is known (from its audit object), so it can be resubmitted as it was. */
  complete: boolean;
  action: string;
}

/** A row whose content differs from its audit record: the orderId was reused, or a record is wrong. */
export interface Conflict {
  orderId: string;
  auditKey: string;
  auditSha256: string;
  rowSha256: string;
  action: string;
}

export interface Reconciliation {
  missing: MissingOrder[];
  conflicts: Conflict[];
  /** Rows in the writer that neither record saw (informational: e.g. committed after the records were read). */
  unrecorded: TradeRow[];
  unreadable: Unreadable[];
  counts: { audit: number; sessions: number; rows: number; acknowledged: number; committed: number };
}

export interface ReconcileInput {
  audit: AuditRecord[];
  sessions: SessionRecord[];
  rows: TradeRow[];
  unreadable?: Unreadable[];
  /** How a complete order is resubmitted, e.g. the reference client command line for the order file. */
  resubmit: (orderId: string) => string;
  /** Only rows ordered at or after this count as "unrecorded" (the records were read for this window). */
  since?: Date | undefined;
}

const byId = <T extends { orderId: string }>(a: T, b: T) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

function describeOrder(o: { side?: string; quantity?: number; symbol?: string; price?: number; userId: string; timestamp: string }): string {
  const what = [o.side, o.quantity, o.symbol].filter((x) => x !== undefined).join(' ') || 'an order';
  return `${what}${o.price !== undefined ? ` @ ${o.price}` : ''} for ${o.userId} at ${o.timestamp}`;
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const rows = new Map(input.rows.map((r) => [r.orderId, r]));
  const audit = new Map(input.audit.map((a) => [a.order.orderId, a]));
  const sessions = new Map<string, SessionRecord>();
  for (const s of input.sessions) sessions.set(s.orderId, s);

  const missing: MissingOrder[] = [];
  const conflicts: Conflict[] = [];
  for (const id of new Set([...audit.keys(), ...sessions.keys()])) {
    const a = audit.get(id);
    const s = sessions.get(id);
    const row = rows.get(id);
    if (row) {
      if (a && row.payloadSha256 !== orderDigest(a.order)) {
        conflicts.push({
          orderId: id,
          auditKey: a.key,
          auditSha256: orderDigest(a.order),
          rowSha256: row.payloadSha256,
          action: `Do not resubmit: the writer holds order ${id} with other content than its audit object. Compare the row with s3 object ${a.key} and the old primary's snapshot, and settle it with the desk.`,
        });
      }
      continue;
    }
    const seenIn: Source[] = [...(a ? (['audit'] as const) : []), ...(s ? (['sessions'] as const) : [])];
    if (a) {
      const o = a.order;
      missing.push({
        ...o,
        ...(a.clientSubjectDN ? { clientSubjectDN: a.clientSubjectDN } : {}),
        seenIn,
        auditKey: a.key,
        complete: true,
        action:
          `Confirm with the desk that ${describeOrder(o)} should still execute. If it should, resubmit it unchanged with the same orderId (idempotent: a copy that did arrive is not executed twice): ${input.resubmit(id)}. ` +
          `If it should not, cancel it with the counterparty and record the decision.`,
      });
    } else {
      const o = s!;
      missing.push({
        orderId: id,
        userId: o.userId,
        ...(o.symbol ? { symbol: o.symbol } : {}),
        ...(o.side ? { side: o.side } : {}),
        timestamp: o.timestamp,
        seenIn,
        complete: false,
        action:
          `Only the session of ${o.userId} saw this order (${describeOrder(o)}); its quantity and price are not recorded in this region. ` +
          `Recover the order from the old primary's snapshot (restore it and SELECT * FROM trades WHERE order_id = '${id}') or from the client's records, ` +
          `then confirm with the desk and resubmit it with the same orderId, or cancel it with the counterparty.`,
      });
    }
  }

  const since = input.since?.getTime();
  const unrecorded = input.rows.filter((r) => !audit.has(r.orderId) && !sessions.has(r.orderId) && (since === undefined || Date.parse(r.timestamp) >= since));
  const acknowledged = new Set([...audit.keys(), ...sessions.keys()]).size;
  return {
    missing: missing.sort(byId),
    conflicts: conflicts.sort(byId),
    unrecorded: unrecorded.sort(byId),
    unreadable: [...(input.unreadable ?? [])],
    counts: { audit: audit.size, sessions: input.sessions.length, rows: input.rows.length, acknowledged, committed: acknowledged - missing.length },
  };
}
