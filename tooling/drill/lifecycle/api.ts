// POST /trades in one region, as the regional stack deploys it today: API Gateway's direct SQS
// integration (modules/regional-stack) queues every valid order it receives while the region is
// reachable, whether or not the region is the one serving. A design that refuses orders in a region
// that is not active (503) changes this function, and the clients then see the refusal.
import type { Message } from './sqs.ts';
import type { World } from './world.ts';

export type PostOutcome = { status: 200; message: Message } | { status: 503; reason: string } | { status: 0; reason: string };

export function postTrade(world: World, region: string, order: { messageId: string; orderId: string; body: string }): PostOutcome {
  const r = world.regions[region]!;
  if (!r.up) return { status: 0, reason: 'the region does not answer' };
  const message: Message = { ...order, ackAt: world.now, receiveCount: 0 };
  r.queue.send(message);
  return { status: 200, message };
}
