// region-fence: the best-effort fence of the other region, and its undo. Every AWS failure must come
// back in the result (the state machine reads it); only a malformed request may throw.
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fenceRegion, FenceInputError, parseFenceRequest, restoreRegion, runFenceRequest } from '../../functions/region-fence/core.ts';

const request = {
  action: 'fence' as const,
  region: 'us-east-1',
  servingParameter: '/trading/dev/us-east-1/serving',
  functionName: 'trading-dev-trade-processor',
  reason: 'drill',
  executionId: 'arn:aws:states:us-east-2:111122223333:execution:trading-dev-failover:x',
};

function unreachable(): Error {
  const error = new Error('connect ETIMEDOUT 3.5.0.1:443');
  error.name = 'TimeoutError';
  return error;
}

// One mock per client class for the whole file: the handler's module-scope clients share the prototype.
const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);

afterEach(() => {
  ssm.reset();
  lambda.reset();
});

describe('parseFenceRequest', () => {
  it('accepts a request for the peer region and keeps the optional fields', () => {
    // Act
    const parsed = parseFenceRequest({ ...request, region: ' us-east-1 ' }, 'us-east-1');
    // Assess
    expect(parsed).toEqual(request);
  });

  it('fences when no action is given, and keeps an explicit restore', () => {
    const { action: _action, ...bare } = request;
    expect(parseFenceRequest(bare, 'us-east-1').action).toBe('fence');
    expect(parseFenceRequest({ ...request, action: 'restore' }, 'us-east-1').action).toBe('restore');
  });

  it.each([
    ['not an object', 'fence', /must be an object/],
    ['an array', [request], /must be an object/],
    ['a region that is not the peer', { ...request, region: 'eu-west-1' }, /region must be us-east-1, the only region this function fences \(got eu-west-1\)/],
    ['a malformed region', { ...request, region: 'useast1' }, /region must be an AWS region name/],
    ['a relative parameter name', { ...request, servingParameter: 'trading/dev/serving' }, /servingParameter must be an SSM parameter name/],
    ['no function name', { ...request, functionName: ' ' }, /functionName must name the trade-processor/],
    ['a non-string reason', { ...request, reason: 42 }, /reason must be a string/],
    ['an unknown action', { ...request, action: 'unfence' }, /action must be "fence" or "restore"/],
  ])('refuses %s with one message', (_name, event, message) => {
    expect(() => parseFenceRequest(event, 'us-east-1')).toThrow(FenceInputError);
    expect(() => parseFenceRequest(event, 'us-east-1')).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => parseFenceRequest({ region: 'eu-west-1', servingParameter: 'x' }, 'us-east-1')).toThrow(
      /region must be us-east-1.*; servingParameter must .*; functionName must/,
    );
  });
});

describe('fenceRegion', () => {
  const clients = () => ({ ssm: new SSMClient({ region: 'us-east-1' }), lambda: new LambdaClient({ region: 'us-east-1' }) });

  it('sets the serving flag false and disables every active mapping of the function', async () => {
    // Prepare
    ssm.on(PutParameterCommand).resolves({ Version: 7 });
    lambda
      .on(ListEventSourceMappingsCommand)
      .resolvesOnce({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }], NextMarker: 'page-2' })
      .resolvesOnce({ EventSourceMappings: [{ UUID: 'esm-2', State: 'Disabled' }, { UUID: 'esm-3', State: 'Enabling' }] });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Disabling' });

    // Act
    const result = await fenceRegion(request, clients());

    // Assess
    expect(result).toEqual({
      action: 'fence',
      region: 'us-east-1',
      fenced: true,
      servingFlag: { ok: true, parameter: '/trading/dev/us-east-1/serving', version: 7 },
      tradeProcessing: {
        ok: true,
        functionName: 'trading-dev-trade-processor',
        mappings: [
          { uuid: 'esm-1', before: 'Enabled', after: 'Disabling' },
          { uuid: 'esm-2', before: 'Disabled', after: 'Disabled' },
          { uuid: 'esm-3', before: 'Enabling', after: 'Disabling' },
        ],
      },
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: '/trading/dev/us-east-1/serving', Value: 'false', Overwrite: true });
    expect(lambda).toHaveReceivedNthCommandWith(ListEventSourceMappingsCommand, 2, { FunctionName: 'trading-dev-trade-processor', Marker: 'page-2' });
    expect(lambda).toHaveReceivedCommandTimes(UpdateEventSourceMappingCommand, 2);
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-1', Enabled: false });
    expect(lambda).not.toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-2' });
  });

  it('reports an unreachable region instead of throwing', async () => {
    // Prepare
    ssm.on(PutParameterCommand).rejects(unreachable());
    lambda.on(ListEventSourceMappingsCommand).rejects(unreachable());

    // Act
    const result = await fenceRegion(request, clients());

    // Assess
    expect(result.fenced).toBe(false);
    expect(result.servingFlag).toEqual({ ok: false, parameter: request.servingParameter, error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' });
    expect(result.tradeProcessing).toEqual({
      ok: false,
      functionName: request.functionName,
      mappings: [],
      error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443',
    });
  });

  it('keeps the outcome of each action separate when only one fails', async () => {
    // Prepare
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }, { UUID: 'esm-2', State: 'Enabled' }] });
    const inUse = new Error('The operation cannot be performed at this time.');
    inUse.name = 'ResourceInUseException';
    lambda.on(UpdateEventSourceMappingCommand, { UUID: 'esm-1' }).resolves({ State: 'Disabling' }).on(UpdateEventSourceMappingCommand, { UUID: 'esm-2' }).rejects(inUse);

    // Act
    const result = await fenceRegion(request, clients());

    // Assess
    expect(result.fenced).toBe(false);
    expect(result.servingFlag.ok).toBe(true);
    expect(result.tradeProcessing.ok).toBe(false);
    expect(result.tradeProcessing.error).toBe('1 of 2 mappings could not be disabled');
    expect(result.tradeProcessing.mappings).toEqual([
      { uuid: 'esm-1', before: 'Enabled', after: 'Disabling' },
      { uuid: 'esm-2', before: 'Enabled', error: 'ResourceInUseException: The operation cannot be performed at this time.' },
    ]);
  });

  it('treats a function with no mapping as fenced for processing', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });

    const result = await fenceRegion(request, clients());

    expect(result.fenced).toBe(true);
    expect(result.tradeProcessing).toEqual({ ok: true, functionName: request.functionName, mappings: [] });
    expect(lambda).not.toHaveReceivedCommand(UpdateEventSourceMappingCommand);
  });
});

describe('restoreRegion', () => {
  const clients = () => ({ ssm: new SSMClient({ region: 'us-east-1' }), lambda: new LambdaClient({ region: 'us-east-1' }) });
  const restore = { ...request, action: 'restore' as const };

  it('sets the serving flag true and enables every stopped mapping of the function', async () => {
    // Prepare
    ssm.on(PutParameterCommand).resolves({ Version: 8 });
    lambda.on(ListEventSourceMappingsCommand).resolves({
      EventSourceMappings: [
        { UUID: 'esm-1', State: 'Disabled' },
        { UUID: 'esm-2', State: 'Enabled' },
        { UUID: 'esm-3', State: 'Disabling' },
      ],
    });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Enabling' });

    // Act
    const result = await runFenceRequest(restore, clients());

    // Assess
    expect(result).toEqual({
      action: 'restore',
      region: 'us-east-1',
      restored: true,
      servingFlag: { ok: true, parameter: '/trading/dev/us-east-1/serving', version: 8 },
      tradeProcessing: {
        ok: true,
        functionName: 'trading-dev-trade-processor',
        mappings: [
          { uuid: 'esm-1', before: 'Disabled', after: 'Enabling' },
          { uuid: 'esm-2', before: 'Enabled', after: 'Enabled' },
          { uuid: 'esm-3', before: 'Disabling', after: 'Enabling' },
        ],
      },
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: '/trading/dev/us-east-1/serving', Value: 'true', Overwrite: true });
    expect(lambda).toHaveReceivedCommandTimes(UpdateEventSourceMappingCommand, 2);
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-1', Enabled: true });
    expect(lambda).not.toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-2' });
  });

  it('reports an unreachable region as not restored instead of throwing', async () => {
    // Prepare
    ssm.on(PutParameterCommand).rejects(unreachable());
    lambda.on(ListEventSourceMappingsCommand).rejects(unreachable());

    // Act
    const result = await restoreRegion(restore, clients());

    // Assess
    expect(result.restored).toBe(false);
    expect(result.servingFlag).toEqual({ ok: false, parameter: restore.servingParameter, error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' });
    expect(result.tradeProcessing.ok).toBe(false);
    expect(result.tradeProcessing.error).toBe('TimeoutError: connect ETIMEDOUT 3.5.0.1:443');
  });
});

describe('region-fence handler', () => {
  const context = { functionName: 'trading-dev-region-fence', awsRequestId: 'req-1' } as Context;
  let handler: (event: unknown, context: Context) => Promise<unknown>;

  beforeAll(async () => {
    Object.assign(process.env, {
      AWS_REGION: 'us-east-2',
      PEER_REGION: 'us-east-1',
      POWERTOOLS_SERVICE_NAME: 'region-fence',
      POWERTOOLS_METRICS_NAMESPACE: 'trading/dev',
      POWERTOOLS_DEV: 'false',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    ({ handler } = await import('../../functions/region-fence/handler.ts'));
  });

  it('fences the configured peer region and returns the structured result', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 2 });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }] });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Disabling' });

    const result = (await handler(request, context)) as { fenced: boolean; region: string };

    expect(result).toMatchObject({ fenced: true, region: 'us-east-1' });
    // The clients are bound to the peer region, not the function's own.
    const region = await ssm.call(0).thisValue.config.region();
    expect(region).toBe('us-east-1');
  });

  it('restores the peer region when asked to', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Disabled' }] });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Enabling' });

    const result = await handler({ ...request, action: 'restore' }, context);

    expect(result).toMatchObject({ action: 'restore', restored: true, region: 'us-east-1' });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'true' });
  });

  it('throws on a request for any other region, so the state machine records a clear error', async () => {
    await expect(handler({ ...request, region: 'us-east-2' }, context)).rejects.toThrow(/region must be us-east-1/);
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
  });
});
