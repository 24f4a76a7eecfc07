// The order the reference client sends: the file's JSON, with an orderId added once when the file has
// none. The trade processor deduplicates on orderId (the audit object's key and the row it inserts:
// functions/trade-processor/order.ts and core.ts), and the API forwards the body unchanged, so the
// orderId is the idempotency key: the same body, byte for byte, goes out on every attempt.
import { parseOrder } from '../../functions/trade-processor/order.ts';
import { UserError } from '../core/errors.ts';

export interface PreparedOrder {
  orderId: string;
  /** The exact body of every attempt. */
  body: string;
  /** True when the client generated the orderId (the file had none). */
  generatedId: boolean;
}

/**
 * Checks `text` (the order file's content) against the trade processor's own schema, after adding
 * `orderId: newId()` if the file has none. A file the processor would dead-letter is refused here.
 */
export function prepareOrder(file: string, text: string, newId: () => string): PreparedOrder {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new UserError(`${file} must hold one JSON object (a trade order).`);
  const given = (json as Record<string, unknown>).orderId;
  const generatedId = given === undefined;
  const withId = generatedId ? { orderId: newId(), ...(json as Record<string, unknown>) } : json;
  const body = JSON.stringify(withId);
  const parsed = parseOrder(body);
  if (!parsed.ok) throw new UserError(`${file} is not a valid trade order: ${parsed.reason}.`);
  return { orderId: parsed.order.orderId, body, generatedId };
}
