// fence: the peer stops accepting (API stage), drains its queue while its processor still commits, then
// stops committing (serving flag). Every AWS failure comes back in the result; the drain does not
// decide `fenced`.
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { DRAIN_BUDGET_SECONDS, fenceRegion, type FenceTiming } from '../../../../functions/region-fence/core.ts';
import { PEER, awsError, fenceRequest as request, unreachable } from '../fixtures.ts';

const ssm = mockClient(SSMClient);
const apiGateway = mockClient(APIGatewayClient);
const sqs = mockClient(SQSClient);

afterEach(() => {
  ssm.reset();
  apiGateway.reset();
  sqs.reset();
});

const peerClients = () => ({
  ssm: new SSMClient({ region: PEER }),
  apiGateway: new APIGatewayClient({ region: PEER }),
  sqs: new SQSClient({ region: PEER }),
});

/** A clock that only moves when the drain sleeps, and the order in which the calls were made. */
function simulated(): FenceTiming & { sleeps: number[]; calls: string[] } {
  let t = 0;
  const sleeps: number[] = [];
  const calls: string[] = [];
  return {
    sleeps,
    calls,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** Queue depths answered in turn: [visible, in flight]. */
function depths(timing: { calls: string[] }, ...answers: [number, number][]): void {
  let i = 0;
  sqs.on(GetQueueAttributesCommand).callsFake(() => {
    timing.calls.push('GetQueueAttributes');
    const [visible, inFlight] = answers[Math.min(i++, answers.length - 1)]!;
    return { Attributes: { ApproximateNumberOfMessages: String(visible), ApproximateNumberOfMessagesNotVisible: String(inFlight) } };
  });
}

function switchesOk(timing: { calls: string[] }): void {
  apiGateway.on(UpdateStageCommand).callsFake(() => (timing.calls.push('UpdateStage'), {}));
  ssm.on(PutParameterCommand).callsFake(() => (timing.calls.push('PutParameter'), { Version: 7 }));
}

describe('fenceRegion', () => {
  it('turns the API off, waits for the queue to drain, then turns the serving flag off', async () => {
    // Prepare: 3 visible and 2 in flight, then 0 and 1, then empty.
    const timing = simulated();
    switchesOk(timing);
    depths(timing, [3, 2], [0, 1], [0, 0]);

    // Act
    const result = await fenceRegion(request, peerClients(), timing);

    // Assess
    expect(result).toEqual({
      action: 'fence',
      region: PEER,
      fenced: true,
      api: { ok: true, restApiId: 'a1b2c3d4e5', stageName: 'v1' },
      drain: { drained: true, remaining: 0, waitedSeconds: 4 },
      servingFlag: { ok: true, parameter: '/trading/dev/us-east-1/serving', version: 7 },
    });
    expect(timing.calls).toEqual(['UpdateStage', 'GetQueueAttributes', 'GetQueueAttributes', 'GetQueueAttributes', 'PutParameter']);
    expect(timing.sleeps).toEqual([2_000, 2_000]);
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, {
      restApiId: 'a1b2c3d4e5',
      stageName: 'v1',
      patchOperations: [{ op: 'replace', path: '/variables/active', value: 'false' }],
    });
    expect(sqs).toHaveReceivedCommandWith(GetQueueAttributesCommand, {
      QueueUrl: request.queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: '/trading/dev/us-east-1/serving', Value: 'false', Overwrite: true });
  });

  it('does not wait when the queue is already empty', async () => {
    const timing = simulated();
    switchesOk(timing);
    depths(timing, [0, 0]);

    const result = await fenceRegion(request, peerClients(), timing);

    expect(result.drain).toEqual({ drained: true, remaining: 0, waitedSeconds: 0 });
    expect(timing.sleeps).toEqual([]);
  });

  it('stops draining after the budget, reports what is left, and still turns the flag off and counts as fenced', async () => {
    // Prepare: messages in flight that never finish (e.g. refused until stale by a processor whose flag lease ran out).
    const timing = simulated();
    switchesOk(timing);
    depths(timing, [4, 1]);

    // Act
    const result = await fenceRegion(request, peerClients(), timing);

    // Assess: reads at 0, 2, ..., 20 s, then the flag
    expect(result.fenced).toBe(true);
    expect(result.drain).toEqual({ drained: false, remaining: 5, waitedSeconds: DRAIN_BUDGET_SECONDS });
    expect(sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 11);
    expect(timing.sleeps.reduce((a, b) => a + b, 0)).toBe(DRAIN_BUDGET_SECONDS * 1000);
    expect(timing.calls.at(-1)).toBe('PutParameter');
  });

  it('ends the drain at the first failed read and goes on to the flag', async () => {
    const timing = simulated();
    switchesOk(timing);
    sqs.on(GetQueueAttributesCommand).resolvesOnce({ Attributes: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '0' } }).rejects(awsError('AccessDenied', 'not allowed'));

    const result = await fenceRegion(request, peerClients(), timing);

    expect(result.drain).toEqual({ drained: false, remaining: 2, waitedSeconds: 2, error: 'the queue could not be read: AccessDenied: not allowed' });
    expect(result.fenced).toBe(true);
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'false' });
  });

  it('reports an unreachable region instead of throwing, without waiting out the budget', async () => {
    // Prepare
    const timing = simulated();
    ssm.on(PutParameterCommand).rejects(unreachable());
    apiGateway.on(UpdateStageCommand).rejects(unreachable());
    sqs.on(GetQueueAttributesCommand).rejects(unreachable());

    // Act
    const result = await fenceRegion(request, peerClients(), timing);

    // Assess
    expect(result).toEqual({
      action: 'fence',
      region: PEER,
      fenced: false,
      api: { ok: false, restApiId: 'a1b2c3d4e5', stageName: 'v1', error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' },
      drain: { drained: false, remaining: null, waitedSeconds: 0, error: 'the queue could not be read: TimeoutError: connect ETIMEDOUT 3.5.0.1:443' },
      servingFlag: { ok: false, parameter: request.servingParameter, error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' },
    });
    expect(timing.sleeps).toEqual([]);
  });

  it('is not fenced when only the API stage could not be changed', async () => {
    const timing = simulated();
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    depths(timing, [0, 0]);
    apiGateway.on(UpdateStageCommand).rejects(awsError('NotFoundException', 'Invalid stage identifier specified'));

    const result = await fenceRegion(request, peerClients(), timing);

    expect(result.fenced).toBe(false);
    expect(result.servingFlag.ok).toBe(true);
    expect(result.api).toEqual({ ok: false, restApiId: 'a1b2c3d4e5', stageName: 'v1', error: 'NotFoundException: Invalid stage identifier specified' });
  });

  it('is not fenced when only the serving flag could not be changed', async () => {
    const timing = simulated();
    apiGateway.on(UpdateStageCommand).resolves({});
    depths(timing, [0, 0]);
    ssm.on(PutParameterCommand).rejects(awsError('TooManyUpdates', 'too many updates'));

    const result = await fenceRegion(request, peerClients(), timing);

    expect(result.fenced).toBe(false);
    expect(result.api.ok).toBe(true);
  });
});
