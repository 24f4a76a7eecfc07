// region-fence: parsing of every action's payload, the fence of the peer's three switches and its undo.
// Every AWS failure must come back in the result (the state machine reads it); only a malformed
// request may throw.
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { fenceRegion, FenceInputError, parseFenceRequest, parseRegionFenceRequest, restoreRegion } from '../../../functions/region-fence/core.ts';
import { ARNS, OWN, PEER, authorityOf, awsError, fenceRequest as request, mockedArc, syncRequest, unreachable } from './fixtures.ts';

const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const apiGateway = mockClient(APIGatewayClient);

afterEach(() => {
  ssm.reset();
  lambda.reset();
  apiGateway.reset();
});

const peerClients = () => ({
  ssm: new SSMClient({ region: PEER }),
  lambda: new LambdaClient({ region: PEER }),
  apiGateway: new APIGatewayClient({ region: PEER }),
});
const pair = { region: OWN, peerRegion: PEER };

describe('parseRegionFenceRequest', () => {
  it('accepts a fence of the peer and keeps the optional fields', () => {
    expect(parseRegionFenceRequest({ ...request, region: ` ${PEER} ` }, pair)).toEqual(request);
  });

  it('fences when no action is given', () => {
    const { action: _action, ...bare } = request;
    expect(parseRegionFenceRequest(bare, pair).action).toBe('fence');
  });

  it.each([
    ['authorize', OWN],
    ['authorize', PEER],
    ['initialize', OWN],
    ['initialize', PEER],
  ])('accepts %s of %s with only the region', (action, region) => {
    expect(parseRegionFenceRequest({ action, region, reason: 'r' }, pair)).toEqual({ action, region, reason: 'r' });
  });

  it('accepts a sync of the own region with its cluster', () => {
    expect(parseRegionFenceRequest(syncRequest, pair)).toEqual(syncRequest);
  });

  it.each([
    ['not an object', 'fence', /must be an object/],
    ['an array', [request], /must be an object/],
    ['an unknown action', { ...request, action: 'unfence' }, /action must be one of "authorize", "fence", "restore", "sync", "initialize"/],
    ['a fence of the own region', { ...request, region: OWN }, /region must be us-east-1, the only region this function fences \(got us-east-2\)/],
    ['a restore of the own region', { ...request, action: 'restore', region: OWN }, /region must be us-east-1/],
    ['a sync of the peer', { ...syncRequest, region: PEER }, /region must be us-east-2, the only region this function syncs \(got us-east-1\)/],
    ['an authorize of a third region', { action: 'authorize', region: 'eu-west-1' }, /region must be us-east-2 or us-east-1 \(got eu-west-1\)/],
    ['a malformed region', { ...request, region: 'useast1' }, /region must be an AWS region name/],
    ['a relative parameter name', { ...request, servingParameter: 'trading/dev/serving' }, /servingParameter must be an SSM parameter name/],
    ['no function name', { ...request, functionName: ' ' }, /functionName must name the trade-processor/],
    ['a fence without the API', { ...request, restApiId: undefined }, /restApiId must be the 10-character id/],
    ['a bad stage name', { ...request, stageName: 'v 1' }, /stageName must name the API stage/],
    ['a sync without its cluster ARN', { ...syncRequest, clusterArn: 'trading-dev-us-east-2' }, /clusterArn must be this region's Aurora cluster ARN/],
    ['a sync without the global cluster', { ...syncRequest, globalClusterId: '' }, /globalClusterId must name/],
    ['a non-string reason', { ...request, reason: 42 }, /reason must be a string/],
  ])('refuses %s with one message', (_name, event, message) => {
    expect(() => parseRegionFenceRequest(event, pair)).toThrow(FenceInputError);
    expect(() => parseRegionFenceRequest(event, pair)).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => parseRegionFenceRequest({ region: 'eu-west-1', servingParameter: 'x' }, pair)).toThrow(
      /^Invalid fence request: region must be us-east-1.*; servingParameter must .*; functionName must .*; restApiId must .*; stageName must .*\.$/,
    );
  });
});

describe('parseFenceRequest', () => {
  it('accepts fence and restore of the peer', () => {
    expect(parseFenceRequest(request, PEER)).toEqual(request);
    expect(parseFenceRequest({ ...request, action: 'restore' }, PEER).action).toBe('restore');
  });

  it('refuses the actions that are not a fence', () => {
    expect(() => parseFenceRequest({ action: 'authorize', region: PEER }, PEER)).toThrow(/action must be "fence" or "restore"/);
    expect(() => parseFenceRequest({ ...syncRequest, region: PEER }, PEER)).toThrow(FenceInputError);
  });
});

describe('fenceRegion', () => {
  it('sets the serving flag false, disables every active mapping and sets the stage variable active to false', async () => {
    // Prepare
    ssm.on(PutParameterCommand).resolves({ Version: 7 });
    lambda
      .on(ListEventSourceMappingsCommand)
      .resolvesOnce({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }], NextMarker: 'page-2' })
      .resolvesOnce({ EventSourceMappings: [{ UUID: 'esm-2', State: 'Disabled' }, { UUID: 'esm-3', State: 'Enabling' }] });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Disabling' });
    apiGateway.on(UpdateStageCommand).resolves({});

    // Act
    const result = await fenceRegion(request, peerClients());

    // Assess
    expect(result).toEqual({
      action: 'fence',
      region: PEER,
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
      api: { ok: true, restApiId: 'a1b2c3d4e5', stageName: 'v1' },
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: '/trading/dev/us-east-1/serving', Value: 'false', Overwrite: true });
    expect(lambda).toHaveReceivedNthCommandWith(ListEventSourceMappingsCommand, 2, { FunctionName: 'trading-dev-trade-processor', Marker: 'page-2' });
    expect(lambda).toHaveReceivedCommandTimes(UpdateEventSourceMappingCommand, 2);
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-1', Enabled: false });
    expect(lambda).not.toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-2' });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, {
      restApiId: 'a1b2c3d4e5',
      stageName: 'v1',
      patchOperations: [{ op: 'replace', path: '/variables/active', value: 'false' }],
    });
  });

  it('reports an unreachable region instead of throwing', async () => {
    // Prepare
    ssm.on(PutParameterCommand).rejects(unreachable());
    lambda.on(ListEventSourceMappingsCommand).rejects(unreachable());
    apiGateway.on(UpdateStageCommand).rejects(unreachable());

    // Act
    const result = await fenceRegion(request, peerClients());

    // Assess
    expect(result.fenced).toBe(false);
    expect(result.servingFlag).toEqual({ ok: false, parameter: request.servingParameter, error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' });
    expect(result.tradeProcessing).toEqual({ ok: false, functionName: request.functionName, mappings: [], error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' });
    expect(result.api).toEqual({ ok: false, restApiId: 'a1b2c3d4e5', stageName: 'v1', error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' });
  });

  it('is not fenced when only the API stage could not be changed', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    apiGateway.on(UpdateStageCommand).rejects(awsError('NotFoundException', 'Invalid stage identifier specified'));

    const result = await fenceRegion(request, peerClients());

    expect(result.fenced).toBe(false);
    expect(result.servingFlag.ok).toBe(true);
    expect(result.tradeProcessing.ok).toBe(true);
    expect(result.api).toEqual({ ok: false, restApiId: 'a1b2c3d4e5', stageName: 'v1', error: 'NotFoundException: Invalid stage identifier specified' });
  });

  it('keeps the outcome of each mapping separate when only one fails', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    apiGateway.on(UpdateStageCommand).resolves({});
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }, { UUID: 'esm-2', State: 'Enabled' }] });
    lambda
      .on(UpdateEventSourceMappingCommand, { UUID: 'esm-1' })
      .resolves({ State: 'Disabling' })
      .on(UpdateEventSourceMappingCommand, { UUID: 'esm-2' })
      .rejects(awsError('ResourceInUseException', 'The operation cannot be performed at this time.'));

    const result = await fenceRegion(request, peerClients());

    expect(result.fenced).toBe(false);
    expect(result.tradeProcessing.error).toBe('1 of 2 mappings could not be disabled');
    expect(result.tradeProcessing.mappings).toEqual([
      { uuid: 'esm-1', before: 'Enabled', after: 'Disabling' },
      { uuid: 'esm-2', before: 'Enabled', error: 'ResourceInUseException: The operation cannot be performed at this time.' },
    ]);
  });
});

describe('restoreRegion', () => {
  const restore = { ...request, action: 'restore' as const };

  it('moves the authority back to the peer first, then turns its three switches on', async () => {
    // Prepare
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});
    ssm.on(PutParameterCommand).resolves({ Version: 8 });
    lambda.on(ListEventSourceMappingsCommand).resolves({
      EventSourceMappings: [
        { UUID: 'esm-1', State: 'Disabled' },
        { UUID: 'esm-2', State: 'Enabled' },
      ],
    });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Enabling' });
    apiGateway.on(UpdateStageCommand).resolves({});

    // Act
    const result = await restoreRegion(restore, peerClients(), authorityOf(arc));

    // Assess
    expect(result).toEqual({
      action: 'restore',
      region: PEER,
      restored: true,
      authority: {
        action: 'authorize',
        region: PEER,
        authorized: true,
        endpoint: arc.clients[0]!.endpoint,
        attempts: [{ endpoint: arc.clients[0]!.endpoint, region: 'us-west-2' }],
      },
      servingFlag: { ok: true, parameter: '/trading/dev/us-east-1/serving', version: 8 },
      tradeProcessing: {
        ok: true,
        functionName: 'trading-dev-trade-processor',
        mappings: [
          { uuid: 'esm-1', before: 'Disabled', after: 'Enabling' },
          { uuid: 'esm-2', before: 'Enabled', after: 'Enabled' },
        ],
      },
      api: { ok: true, restApiId: 'a1b2c3d4e5', stageName: 'v1' },
    });
    expect(arc.stubs[0]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, {
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: ARNS[PEER], RoutingControlState: 'On' },
        { RoutingControlArn: ARNS[OWN], RoutingControlState: 'Off' },
      ],
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'true' });
    expect(lambda).toHaveReceivedCommandTimes(UpdateEventSourceMappingCommand, 1);
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-1', Enabled: true });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, { patchOperations: [{ op: 'replace', path: '/variables/active', value: 'true' }] });
  });

  it('leaves the switches off when the authority refuses to make the peer active', async () => {
    // Prepare: a safety rule refuses the change.
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).rejects(awsError('ConflictException', 'the change violates an assertion rule'));

    // Act
    const result = await restoreRegion(restore, peerClients(), authorityOf(arc));

    // Assess
    expect(result.restored).toBe(false);
    expect(result.authority).toMatchObject({ authorized: false, error: 'ConflictException: the change violates an assertion rule' });
    expect(result.servingFlag).toEqual({ ok: false, parameter: restore.servingParameter, error: expect.stringMatching(/^not changed: the authority did not make us-east-1 active \(ConflictException/) });
    expect(result.api.ok).toBe(false);
    expect(ssm).not.toHaveReceivedAnyCommand();
    expect(lambda).not.toHaveReceivedAnyCommand();
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it('is not restored when the authority moved but the peer is unreachable', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});
    ssm.on(PutParameterCommand).rejects(unreachable());
    lambda.on(ListEventSourceMappingsCommand).rejects(unreachable());
    apiGateway.on(UpdateStageCommand).rejects(unreachable());

    const result = await restoreRegion(restore, peerClients(), authorityOf(arc));

    expect(result.restored).toBe(false);
    expect(result.authority.authorized).toBe(true);
    expect(result.servingFlag.error).toBe('TimeoutError: connect ETIMEDOUT 3.5.0.1:443');
  });
});
