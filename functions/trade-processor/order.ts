// Trade order validation and the deterministic values derived from an order (audit key and body,
// session key, digest). Pure: no I/O, no clock, so a redelivered order always maps to the same effects.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Caller } from './identity.ts';

/** An order is a few hundred bytes; anything larger is not an order and is refused before parsing. */
export const MAX_BODY_BYTES = 4096;

/** Largest accepted quantity or price: far above any real order, and exact in a double. */
export const MAX_AMOUNT = 1e12;

// Unknown fields are REJECTED (strict object): the audit record must be the whole accepted order,
// and a field we would not store must not vanish silently. A producer that adds a field has to add it
// here (and to the API request model) first.
const orderSchema = z.strictObject({
  orderId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 characters of A-Z a-z 0-9 _ - (it names the audit object)'),
  userId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ . @ -'),
  symbol: z.string().regex(/^[A-Z][A-Z0-9.-]{0,15}$/, 'must be 1-16 characters of upper-case letters, digits, . or -'),
  side: z.enum(['BUY', 'SELL'], 'must be "BUY" or "SELL"'),
  quantity: z.number('must be a number').gt(0, 'must be greater than 0').max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`),
  price: z.number('must be a number').gt(0, 'must be greater than 0').max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`),
  timestamp: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2025-01-31T14:30:00Z' }),
});

export interface Order {
  orderId: string;
  userId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: number;
  /** Normalised to UTC, millisecond precision (Date#toISOString). */
  timestamp: string;
}

export type ParsedOrder = { ok: true; order: Order } | { ok: false; reason: string };

export function parseOrder(body: string): ParsedOrder {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) return { ok: false, reason: `body is ${bytes} bytes; the limit is ${MAX_BODY_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: 'body must be a JSON object' };
  const parsed = orderSchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => {
        if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
        const field = issue.path.join('.');
        if ((json as Record<string, unknown>)[field] === undefined) return `${field} is required`;
        return `${field} ${issue.message}`;
      })
      .join('; ');
    return { ok: false, reason };
  }
  // The format check already refuses impossible dates (2025-02-30, 2025-02-29), so this parse is exact.
  return { ok: true, order: { ...parsed.data, timestamp: new Date(parsed.data.timestamp).toISOString() } };
}

/** The order alone, with a fixed key order: the same order always gives the same bytes. */
export function canonicalOrder(order: Order): string {
  const { orderId, userId, symbol, side, quantity, price, timestamp } = order;
  return JSON.stringify({ orderId, userId, symbol, side, quantity, price, timestamp });
}

/**
 * The audit object body: the order and the caller that placed it (the client certificate's subject
 * and issuer), with a fixed key order.
 */
export function auditBody(order: Order, caller: Caller): string {
  const { orderId, userId, symbol, side, quantity, price, timestamp } = order;
  return JSON.stringify({ orderId, userId, symbol, side, quantity, price, timestamp, clientSubjectDN: caller.subjectDN, clientIssuerDN: caller.issuerDN });
}

/**
 * sha256 of the canonical order: tells a redelivery (same digest) from a reused orderId (different
 * digest). The caller is left out on purpose: the same order re-sent with a re-issued certificate of
 * the same user is still the same order, and rows stored before callers were recorded keep matching.
 */
export function orderDigest(order: Order): string {
  return createHash('sha256').update(canonicalOrder(order)).digest('hex');
}

/** trades/YYYY/MM/DD/<orderId>.json, dated by the order's own (UTC) timestamp, never the clock. */
export function auditKey(order: Order): string {
  return `trades/${order.timestamp.slice(0, 4)}/${order.timestamp.slice(5, 7)}/${order.timestamp.slice(8, 10)}/${order.orderId}.json`;
}

/** The sessions table holds one item per user (hash key userId). */
export function sessionKey(order: Order): { userId: string } {
  return { userId: order.userId };
}

/** Sortable position of an order in time; ties between equal timestamps are broken by orderId. */
export function orderSequenceKey(order: Order): string {
  return `${order.timestamp}#${order.orderId}`;
}

/** The record kept for an order rejected as stale (body of rejected/YYYY/MM/DD/<orderId>.json). */
export interface Rejection {
  orderId: string;
  reason: 'stale';
  /** When the API acknowledged (enqueued) the order: the message's SentTimestamp, ISO 8601 UTC. */
  acknowledgedAt: string;
  rejectedAt: string;
  maxOrderAgeSeconds: number;
  region: string;
  /** Who placed the order (the client certificate's subject and issuer). */
  clientSubjectDN: string;
  clientIssuerDN: string;
}

export type AgeCheck = { ok: true; rejection?: Rejection } | { ok: false; reason: string };

/**
 * Whether an order is stale: acknowledged more than maxOrderAgeSeconds before `nowMs`. An order
 * exactly maxOrderAgeSeconds old is still fresh. The age runs from the acknowledgement (SQS
 * SentTimestamp: the API enqueues the order when it acknowledges it), not from the order's own
 * timestamp, which the client sets. A record without a usable SentTimestamp fails (its age is unknown).
 */
export function staleRejection(
  order: Order,
  sentTimestamp: string | undefined,
  nowMs: number,
  maxOrderAgeSeconds: number,
  region: string,
  caller: Caller,
): AgeCheck {
  if (!sentTimestamp || !/^\d{1,15}$/.test(sentTimestamp)) {
    return { ok: false, reason: 'the SentTimestamp attribute is missing or not epoch milliseconds: the order\'s age is unknown' };
  }
  const sentMs = Number(sentTimestamp);
  if (nowMs - sentMs <= maxOrderAgeSeconds * 1000) return { ok: true };
  return {
    ok: true,
    rejection: {
      orderId: order.orderId,
      reason: 'stale',
      acknowledgedAt: new Date(sentMs).toISOString(),
      rejectedAt: new Date(nowMs).toISOString(),
      maxOrderAgeSeconds,
      region,
      clientSubjectDN: caller.subjectDN,
      clientIssuerDN: caller.issuerDN,
    },
  };
}

/** rejected/YYYY/MM/DD/<orderId>.json, dated by the acknowledgement (fixed per message), never the clock. */
export function rejectionKey(rejection: Rejection): string {
  const at = rejection.acknowledgedAt;
  return `rejected/${at.slice(0, 4)}/${at.slice(5, 7)}/${at.slice(8, 10)}/${rejection.orderId}.json`;
}

/** The rejection record's body, with a fixed key order. */
export function rejectionBody(rejection: Rejection): string {
  const { orderId, reason, acknowledgedAt, rejectedAt, maxOrderAgeSeconds, region, clientSubjectDN, clientIssuerDN } = rejection;
  return JSON.stringify({ orderId, reason, acknowledgedAt, rejectedAt, maxOrderAgeSeconds, region, clientSubjectDN, clientIssuerDN });
}
