// Order validation and the deterministic values derived from an order.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, auditBody, canonicalOrder, auditKey, orderDigest, orderSequenceKey, parseOrder, sessionKey, type Order } from '../../../functions/trade-processor/order.ts';
import { orderBody } from '../support/services.ts';
import { ISSUER_DN, subjectFor } from './callers.ts';

const CALLER = { subjectDN: subjectFor('user-1'), issuerDN: ISSUER_DN };

function valid(body: string): Order {
  const parsed = parseOrder(body);
  if (!parsed.ok) throw new Error(`expected a valid order, got: ${parsed.reason}`);
  return parsed.order;
}

function reason(body: string): string {
  const parsed = parseOrder(body);
  if (parsed.ok) throw new Error('expected the order to be rejected');
  return parsed.reason;
}

describe('parseOrder', () => {
  it('accepts a complete order and normalises its timestamp to UTC', () => {
    // Act
    const order = valid(orderBody({ timestamp: '2025-01-31T15:30:00.5+01:00' }));

    // Assess
    expect(order).toEqual({ orderId: 'ORD-1', userId: 'user-1', symbol: 'AAPL', side: 'BUY', quantity: 10, price: 189.5, timestamp: '2025-01-31T14:30:00.500Z' });
  });

  it.each([
    ['a missing field', orderBody({ userId: undefined }), 'userId is required'],
    ['a zero quantity', orderBody({ quantity: 0 }), 'quantity must be greater than 0'],
    ['a quantity given as text', orderBody({ quantity: '10' }), 'quantity must be a number'],
    ['a negative price', orderBody({ price: -1 }), 'price must be greater than 0'],
    ['an absurd price', orderBody({ price: 1e13 }), 'price must be at most 1000000000000'],
    ['an unknown side', orderBody({ side: 'buy' }), 'side must be "BUY" or "SELL"'],
    ['a lower-case symbol', orderBody({ symbol: 'aapl' }), 'symbol must be 1-16 characters of upper-case letters, digits, . or -'],
    ['an orderId that would escape its S3 key', orderBody({ orderId: '../ORD-1' }), 'orderId must be 1-64 characters of A-Z a-z 0-9 _ - (it names the audit object)'],
    ['a timestamp without a time zone', orderBody({ timestamp: '2025-01-31T14:30:00' }), 'timestamp must be an ISO 8601 date-time with a time zone, e.g. 2025-01-31T14:30:00Z'],
    ['an impossible date', orderBody({ timestamp: '2025-02-30T10:00:00Z' }), 'timestamp must be an ISO 8601 date-time with a time zone, e.g. 2025-01-31T14:30:00Z'],
    ['February 29th of a common year', orderBody({ timestamp: '2025-02-29T10:00:00Z' }), 'timestamp must be an ISO 8601 date-time with a time zone, e.g. 2025-01-31T14:30:00Z'],
    ['an unknown field', orderBody({ comment: 'x', tag: 'y' }), 'unknown field(s) comment, tag'],
    ['a JSON array', '[1,2]', 'body must be a JSON object'],
    ['JSON null', 'null', 'body must be a JSON object'],
    ['text that is not JSON', 'BUY 10 AAPL', 'body is not valid JSON'],
  ])('rejects %s with a reason naming the problem', (_case, body, expected) => {
    // Act
    const got = reason(body);

    // Assess
    expect(got).toBe(expected);
  });

  it('reports every problem of a record at once', () => {
    // Act
    const got = reason(orderBody({ side: 'HOLD', price: 0 }));

    // Assess
    expect(got).toBe('side must be "BUY" or "SELL"; price must be greater than 0');
  });

  it('refuses a body above the size limit before parsing it', () => {
    // Prepare
    const body = orderBody({ symbol: 'A'.repeat(MAX_BODY_BYTES) });

    // Act
    const got = reason(body);

    // Assess
    expect(got).toBe(`body is ${Buffer.byteLength(body)} bytes; the limit is ${MAX_BODY_BYTES}`);
  });
});

describe('values derived from an order', () => {
  it('dates the audit key by the order timestamp in UTC', () => {
    // Prepare
    const order = valid(orderBody({ orderId: 'ORD-9', timestamp: '2025-03-01T01:00:00+03:00' }));

    // Act
    const key = auditKey(order);

    // Assess
    expect(key).toBe('trades/2025/02/28/ORD-9.json');
  });

  it('gives the same audit body and digest for the same order written differently', () => {
    // Prepare
    const a = valid('{"price":189.5,"orderId":"ORD-1","userId":"user-1","symbol":"AAPL","side":"BUY","quantity":10,"timestamp":"2025-01-31T15:30:00+01:00"}');
    const b = valid(orderBody({ timestamp: '2025-01-31T14:30:00.000Z' }));

    // Act / Assess
    expect(auditBody(a, CALLER)).toBe(auditBody(b, CALLER));
    expect(orderDigest(a)).toBe(orderDigest(b));
  });

  it('puts the caller in the audit body after the order, but not in the digest', () => {
    // Prepare
    const order = valid(orderBody());
    const reissued = { subjectDN: 'CN=user-1,O=Example Trading', issuerDN: 'CN=Trading API client CA 2,O=Example Trading' };

    // Act
    const body = auditBody(order, CALLER);

    // Assess
    expect(body).toBe(
      '{"orderId":"ORD-1","userId":"user-1","symbol":"AAPL","side":"BUY","quantity":10,"price":189.5,"timestamp":"2025-01-31T14:30:00.000Z",' +
        '"clientSubjectDN":"CN=user-1,O=Example Trading","clientIssuerDN":"CN=Trading API client CA,O=Example Trading"}',
    );
    expect(auditBody(order, reissued)).not.toBe(body);
    // A re-issued certificate of the same user re-sending the order is a redelivery, not a conflict.
    expect(orderDigest(order)).toBe(createHash('sha256').update(canonicalOrder(order)).digest('hex'));
  });

  it('gives a different digest when any field differs', () => {
    // Prepare
    const base = valid(orderBody());
    const variants = [{ quantity: 11 }, { price: 189.51 }, { side: 'SELL' }, { symbol: 'MSFT' }, { userId: 'user-2' }, { timestamp: '2025-01-31T14:30:01Z' }].map((o) =>
      valid(orderBody(o)),
    );

    // Act
    const digests = new Set([base, ...variants].map(orderDigest));

    // Assess
    expect(digests.size).toBe(7);
  });

  it('orders sessions by time, then by orderId', () => {
    // Prepare
    const early = valid(orderBody({ orderId: 'ORD-Z', timestamp: '2025-01-31T09:00:00Z' }));
    const sameTimeA = valid(orderBody({ orderId: 'ORD-A', timestamp: '2025-01-31T10:00:00Z' }));
    const sameTimeB = valid(orderBody({ orderId: 'ORD-B', timestamp: '2025-01-31T10:00:00Z' }));

    // Act
    const keys = [sameTimeB, early, sameTimeA].map(orderSequenceKey).sort();

    // Assess
    expect(keys).toEqual([orderSequenceKey(early), orderSequenceKey(sameTimeA), orderSequenceKey(sameTimeB)]);
    expect(sessionKey(early)).toEqual({ userId: 'user-1' });
  });
});
