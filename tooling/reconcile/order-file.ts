// The order file the reference client submits (npm run client -- submit --order <file>): the order's
// own fields only, in the trade processor's canonical order, so a resubmission is the same order.
import type { MissingOrder } from './compare.ts';

export function canonicalOrderJson(m: MissingOrder): string {
  const { orderId, userId, symbol, side, quantity, price, timestamp } = m;
  return `${JSON.stringify({ orderId, userId, symbol, side, quantity, price, timestamp }, null, 2)}\n`;
}
