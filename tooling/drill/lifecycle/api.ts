// POST /trades in one region, as the regional stack deploys it: API Gateway's direct SQS integration.
// The request template sends SendMessage only when the stage variable `active` is "true"; otherwise
// the integration makes a harmless GetQueueAttributes call and the integration response answers 503
// with the contract's body, so nothing is queued in a region that will not process it. A region that
// does not answer at all is status 0 (the client's connection fails).
import type { Message } from './sqs.ts';
import type { World } from './world.ts';

export type PostOutcome = { status: 200; message: Message } | { status: 503; reason: string; body: string } | { status: 0; reason: string };

/** The 503 body of a region that is not active (the contract's wording). */
export function inactiveBody(region: string): string {
  return JSON.stringify({ message: `${region} is not the active region; retry, resolving the name again`, region });
}

export function postTrade(world: World, region: string, order: { messageId: string; orderId: string; body: string }): PostOutcome {
  const r = world.regions[region]!;
  if (!r.up) return { status: 0, reason: 'the region does not answer' };
  if (r.stageVariables.active !== 'true') return { status: 503, reason: `${region} is not the active region`, body: inactiveBody(region) };
  const message: Message = { ...order, ackAt: world.now, receiveCount: 0 };
  r.queue.send(message);
  return { status: 200, message };
}
