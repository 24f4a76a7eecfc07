// fence: the peer region's local switches off, in an order that loses nothing it acknowledged:
//   1. the API stage variable `active` "false": POST /trades there answers 503 and queues nothing more;
//   2. drain: the peer's processor is still active (its flag is still "true"), so it keeps committing
//      what its queue holds. Poll ApproximateNumberOfMessages + ApproximateNumberOfMessagesNotVisible
//      every DRAIN_POLL_SECONDS until both are 0 or DRAIN_BUDGET_SECONDS have passed;
//   3. the serving flag "false": the peer's processor stops committing. What the drain did not finish
//      is refused until stale, then rejected with an audit record by that processor: never committed
//      late, never lost without a trace. So a drain that did not finish does not fail the fence.
// Best effort by design: the region may be unreachable, so every failure is reported, never thrown.
// A failed GetQueueAttributes ends the drain at once (a region whose SQS does not answer will not
// answer in the next seconds either, and the flag must still be turned off).
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { describeError } from '../../shared/aws.ts';
import type { FenceRequest } from '../request.ts';
import { setServingFlag, setStageActive, type ApiOutcome, type ServingFlagOutcome, type SwitchClients } from '../switches.ts';

/** Seconds between two reads of the queue depth. */
export const DRAIN_POLL_SECONDS = 2;
/** The longest the drain waits. Inside region-fence's 55 s timeout with the stage and flag calls. */
export const DRAIN_BUDGET_SECONDS = 20;

/** Clients bound to the peer region: its switches, and SQS for the drain. */
export interface FenceClients extends SwitchClients {
  sqs: Pick<SQSClient, 'send'>;
}

/** The clock and the wait the drain uses; tests and the drill pass their own. */
export interface FenceTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTiming: FenceTiming = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface DrainOutcome {
  /** True when the queue was seen empty (visible and in flight both 0). */
  drained: boolean;
  /** Visible + in-flight messages at the last successful read; null when no read succeeded. */
  remaining: number | null;
  waitedSeconds: number;
  /** Why the drain stopped early (the queue could not be read). */
  error?: string;
}

export interface FenceResult {
  action: 'fence';
  region: string;
  /** True when the API stage and the serving flag were both turned off; the drain does not decide it. */
  fenced: boolean;
  api: ApiOutcome;
  drain: DrainOutcome;
  servingFlag: ServingFlagOutcome;
}

function count(attributes: Record<string, string> | undefined, name: string): number {
  const value = Number(attributes?.[name]);
  if (attributes?.[name] === undefined || !Number.isInteger(value) || value < 0) throw new Error(`GetQueueAttributes gave no ${name}`);
  return value;
}

/** Waits for the queue to empty, at most DRAIN_BUDGET_SECONDS. */
export async function drainQueue(sqs: FenceClients['sqs'], queueUrl: string, timing: FenceTiming = realTiming): Promise<DrainOutcome> {
  const start = timing.now();
  const waitedSeconds = () => Math.round((timing.now() - start) / 100) / 10;
  let remaining: number | null = null;
  for (;;) {
    try {
      const out = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      remaining = count(out.Attributes, 'ApproximateNumberOfMessages') + count(out.Attributes, 'ApproximateNumberOfMessagesNotVisible');
    } catch (error) {
      return { drained: false, remaining, waitedSeconds: waitedSeconds(), error: `the queue could not be read: ${describeError(error)}` };
    }
    if (remaining === 0) return { drained: true, remaining, waitedSeconds: waitedSeconds() };
    if (timing.now() - start + DRAIN_POLL_SECONDS * 1000 > DRAIN_BUDGET_SECONDS * 1000) return { drained: false, remaining, waitedSeconds: waitedSeconds() };
    await timing.sleep(DRAIN_POLL_SECONDS * 1000);
  }
}

/** Fences the peer region: stage off, drain, flag off, one after the other. */
export async function fenceRegion(request: FenceRequest, clients: FenceClients, timing: FenceTiming = realTiming): Promise<FenceResult> {
  const api = await setStageActive(clients.apiGateway, request.restApiId, request.stageName, 'false');
  const drain = await drainQueue(clients.sqs, request.queueUrl, timing);
  const servingFlag = await setServingFlag(clients.ssm, request.servingParameter, 'false');
  return { action: 'fence', region: request.region, fenced: api.ok && servingFlag.ok, api, drain, servingFlag };
}
