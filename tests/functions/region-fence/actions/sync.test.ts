// sync: the own region's switches follow the authority and the writer role, writing only what differs.
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { syncRegion } from '../../../../functions/region-fence/core.ts';
import { ARNS, OWN, authorityOf, awsError, mockedArc, syncRequest, unreachable, type MockedArc } from '../fixtures.ts';

const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const apiGateway = mockClient(APIGatewayClient);
const rds = mockClient(RDSClient);

afterEach(() => {
  ssm.reset();
  lambda.reset();
  apiGateway.reset();
  rds.reset();
});

const clients = () => ({
  ssm: new SSMClient({ region: OWN }),
  lambda: new LambdaClient({ region: OWN }),
  apiGateway: new APIGatewayClient({ region: OWN }),
  rds: new RDSClient({ region: OWN }),
});

function authorityState(state: 'On' | 'Off'): MockedArc {
  const arc = mockedArc();
  arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).resolves({ RoutingControlState: state });
  return arc;
}

function writer(isWriter: boolean): void {
  rds.on(DescribeGlobalClustersCommand).resolves({
    GlobalClusters: [
      {
        GlobalClusterIdentifier: 'trading-dev',
        GlobalClusterMembers: [
          { DBClusterArn: syncRequest.clusterArn, IsWriter: isWriter },
          { DBClusterArn: 'arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1', IsWriter: !isWriter },
        ],
      },
    ],
  });
}

/** The switches as they are now: flag value, mapping state, stage variable. */
function current(flag: string, mapping: string, stage: string): void {
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: flag } });
  ssm.on(PutParameterCommand).resolves({ Version: 4 });
  lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: mapping }] });
  lambda.on(UpdateEventSourceMappingCommand).resolves({ State: mapping === 'Enabled' ? 'Disabling' : 'Enabling' });
  apiGateway.on(GetStageCommand).resolves({ stageName: 'v1', variables: { active: stage } });
  apiGateway.on(UpdateStageCommand).resolves({});
}

describe('syncRegion', () => {
  it('turns the switches on when the routing control is On and the cluster is the writer, writing only what differs', async () => {
    // Prepare: the flag is already true; the mapping and the stage variable are off.
    const arc = authorityState('On');
    writer(true);
    current('true', 'Disabled', 'false');

    // Act
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess
    expect(result).toEqual({
      action: 'sync',
      region: OWN,
      authority: 'On',
      writer: true,
      active: true,
      synced: true,
      servingFlag: { ok: true, parameter: syncRequest.servingParameter, before: 'true', changed: false },
      tradeProcessing: { ok: true, functionName: syncRequest.functionName, mappings: [{ uuid: 'esm-1', before: 'Disabled', after: 'Enabling' }] },
      api: { ok: true, restApiId: syncRequest.restApiId, stageName: 'v1', before: 'false', changed: true },
    });
    expect(rds).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, { GlobalClusterIdentifier: 'trading-dev' });
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-1', Enabled: true });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, {
      restApiId: syncRequest.restApiId,
      stageName: 'v1',
      patchOperations: [{ op: 'replace', path: '/variables/active', value: 'true' }],
    });
  });

  it('writes nothing when the switches already agree', async () => {
    const arc = authorityState('On');
    writer(true);
    current('true', 'Enabled', 'true');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ active: true, synced: true });
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
    expect(lambda).not.toHaveReceivedCommand(UpdateEventSourceMappingCommand);
    expect(apiGateway).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('turns the switches off when the routing control is Off, without asking for the writer', async () => {
    // Prepare: a region that comes back after a failover with its switches still on.
    const arc = authorityState('Off');
    current('true', 'Enabled', 'true');

    // Act
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess
    expect(result).toMatchObject({ authority: 'Off', writer: null, active: false, synced: true });
    expect(rds).not.toHaveReceivedAnyCommand();
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: syncRequest.servingParameter, Value: 'false', Overwrite: true });
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { UUID: 'esm-1', Enabled: false });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, { patchOperations: [{ op: 'replace', path: '/variables/active', value: 'false' }] });
  });

  it('turns the switches off when the routing control is On but the cluster is not the writer', async () => {
    const arc = authorityState('On');
    writer(false);
    current('true', 'Enabled', 'true');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ authority: 'On', writer: false, active: false, synced: true });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'false' });
    expect(lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, { Enabled: false });
  });

  it('reads the authority from the next endpoint when the first does not answer', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand).rejects(unreachable());
    arc.stubs[1]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).resolves({ RoutingControlState: 'Off' });
    current('false', 'Disabled', 'false');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ authority: 'Off', active: false, synced: true });
  });

  it('changes nothing when the authority cannot be read on any endpoint', async () => {
    // Prepare
    const arc = mockedArc();
    for (const stub of arc.stubs) stub.on(GetRoutingControlStateCommand).rejects(unreachable());
    current('true', 'Enabled', 'true');

    // Act
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess
    expect(result).toMatchObject({ authority: 'unknown', writer: null, active: null, synced: false });
    expect(result.error).toMatch(/^the authority could not be read: no cluster endpoint answered \(3 tried/);
    expect(result.servingFlag.error).toMatch(/^not changed: the authority could not be read/);
    expect(rds).not.toHaveReceivedAnyCommand();
    expect(ssm).not.toHaveReceivedAnyCommand();
    expect(lambda).not.toHaveReceivedAnyCommand();
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it('changes nothing when the routing control is On but the writer cannot be read', async () => {
    const arc = authorityState('On');
    rds.on(DescribeGlobalClustersCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    current('true', 'Enabled', 'true');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ authority: 'On', writer: null, active: null, synced: false });
    expect(result.error).toBe('the writer could not be read: DescribeGlobalClusters trading-dev: Throttling: Rate exceeded');
    expect(ssm).not.toHaveReceivedAnyCommand();
    expect(lambda).not.toHaveReceivedAnyCommand();
  });

  it('is not synced when a switch cannot be written, and says the next sync retries', async () => {
    const arc = authorityState('Off');
    current('true', 'Disabled', 'false');
    ssm.on(PutParameterCommand).rejects(awsError('TooManyUpdates', 'too many updates'));

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ active: false, synced: false, error: 'some switches could not be set; the next sync retries them' });
    expect(result.servingFlag).toEqual({ ok: false, parameter: syncRequest.servingParameter, before: 'true', changed: false, error: 'TooManyUpdates: too many updates' });
    expect(result.api).toMatchObject({ ok: true, changed: false });
  });

  it('writes a switch it cannot read', async () => {
    const arc = authorityState('Off');
    current('false', 'Disabled', 'false');
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', ''));

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result.synced).toBe(true);
    expect(result.servingFlag).toEqual({ ok: true, parameter: syncRequest.servingParameter, version: 4, changed: true });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'false' });
  });
});
