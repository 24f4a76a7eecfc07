// sync: the own region's switches follow the authority and the writer role. The stage variable and an
// inactive flag are written only when they differ; an active region's flag is rewritten every time, to
// renew its lease.
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { DescribeGlobalClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { syncRegion } from '../../../../functions/region-fence/core.ts';
import { ARNS, OWN, OWN_CLUSTER_ARN, PEER_CLUSTER_ARN, authorityOf, awsError, globalCluster, mockedArc, syncRequest, unreachable, type MockedArc } from '../fixtures.ts';

const ssm = mockClient(SSMClient);
const apiGateway = mockClient(APIGatewayClient);
const rds = mockClient(RDSClient);

afterEach(() => {
  ssm.reset();
  apiGateway.reset();
  rds.reset();
});

const clients = () => ({
  ssm: new SSMClient({ region: OWN }),
  apiGateway: new APIGatewayClient({ region: OWN }),
  rds: new RDSClient({ region: OWN }),
});

function authorityState(state: 'On' | 'Off'): MockedArc {
  const arc = mockedArc();
  arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).resolves({ RoutingControlState: state });
  return arc;
}

function writer(isWriter: boolean): void {
  rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(isWriter ? OWN_CLUSTER_ARN : PEER_CLUSTER_ARN));
}

/** The switches as they are now: flag value and stage variable. */
function current(flag: string, stage: string): void {
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: flag } });
  ssm.on(PutParameterCommand).resolves({ Version: 4 });
  apiGateway.on(GetStageCommand).resolves({ stageName: 'v1', variables: { active: stage } });
  apiGateway.on(UpdateStageCommand).resolves({});
}

describe('syncRegion', () => {
  it('turns the switches on when the routing control is On and the cluster is the writer', async () => {
    // Prepare: the flag is already true; the stage variable is off.
    const arc = authorityState('On');
    writer(true);
    current('true', 'false');

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
      servingFlag: { ok: true, parameter: syncRequest.servingParameter, version: 4, before: 'true', changed: true },
      api: { ok: true, restApiId: syncRequest.restApiId, stageName: 'v1', before: 'false', changed: true },
    });
    expect(rds).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, { GlobalClusterIdentifier: 'trading-dev' });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: syncRequest.servingParameter, Value: 'true', Overwrite: true });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, {
      restApiId: syncRequest.restApiId,
      stageName: 'v1',
      patchOperations: [{ op: 'replace', path: '/variables/active', value: 'true' }],
    });
  });

  it('renews the lease of an active region on every run, though the flag already says true, and leaves the stage alone', async () => {
    // Prepare
    const arc = authorityState('On');
    writer(true);
    current('true', 'true');

    // Act: two runs, a minute apart
    const first = await syncRegion(syncRequest, clients(), authorityOf(arc));
    const second = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess: one PutParameter per run (a new LastModifiedDate), no UpdateStage
    for (const result of [first, second]) {
      expect(result).toMatchObject({ active: true, synced: true, servingFlag: { ok: true, before: 'true', changed: true } });
    }
    expect(ssm).toHaveReceivedCommandTimes(PutParameterCommand, 2);
    expect(apiGateway).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('writes nothing when an inactive region is already off', async () => {
    const arc = authorityState('Off');
    current('false', 'false');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ active: false, synced: true, servingFlag: { changed: false }, api: { changed: false } });
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
    expect(apiGateway).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('turns the switches off when the routing control is Off, without asking for the writer', async () => {
    // Prepare: a region that comes back after a failover with its switches still on.
    const arc = authorityState('Off');
    current('true', 'true');

    // Act
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess
    expect(result).toMatchObject({ authority: 'Off', writer: null, active: false, synced: true });
    expect(rds).not.toHaveReceivedAnyCommand();
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: syncRequest.servingParameter, Value: 'false', Overwrite: true });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, { patchOperations: [{ op: 'replace', path: '/variables/active', value: 'false' }] });
  });

  it('turns the switches off when the routing control is On but the cluster is not the writer', async () => {
    const arc = authorityState('On');
    writer(false);
    current('true', 'true');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ authority: 'On', writer: false, active: false, synced: true });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'false' });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, { patchOperations: [{ op: 'replace', path: '/variables/active', value: 'false' }] });
  });

  it('reads the authority from the next endpoint when the first does not answer', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand).rejects(unreachable());
    arc.stubs[1]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).resolves({ RoutingControlState: 'Off' });
    current('false', 'false');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ authority: 'Off', active: false, synced: true });
  });

  it('changes nothing when the authority cannot be read on any endpoint, so the lease runs out', async () => {
    // Prepare
    const arc = mockedArc();
    for (const stub of arc.stubs) stub.on(GetRoutingControlStateCommand).rejects(unreachable());
    current('true', 'true');

    // Act
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess
    expect(result).toMatchObject({ authority: 'unknown', writer: null, active: null, synced: false });
    expect(result.error).toMatch(/^the authority could not be read: no cluster endpoint answered \(3 tried/);
    expect(result.servingFlag.error).toMatch(/^not changed: the authority could not be read/);
    expect(rds).not.toHaveReceivedAnyCommand();
    expect(ssm).not.toHaveReceivedAnyCommand();
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it('renews the lease of a region already serving when the routing control is On but the writer cannot be read', async () => {
    // Prepare
    const arc = authorityState('On');
    rds.on(DescribeGlobalClustersCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    current('true', 'false');

    // Act
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    // Assess: the flag rewritten as it was, the stage variable not touched
    expect(result).toMatchObject({ authority: 'On', writer: null, active: null, synced: false });
    expect(result.error).toBe(
      'the writer could not be read: DescribeGlobalClusters trading-dev: Throttling: Rate exceeded; the serving flag\'s lease was renewed, as it already said "true"',
    );
    expect(result.servingFlag).toEqual({ ok: true, parameter: syncRequest.servingParameter, version: 4, before: 'true', changed: true });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'true' });
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it.each(['false', 'maybe'])('turns nothing on when the routing control is On, the writer cannot be read and the flag is %s', async (flag) => {
    const arc = authorityState('On');
    rds.on(DescribeGlobalClustersCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    current(flag, 'false');

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ active: null, synced: false, servingFlag: { ok: false, before: flag } });
    expect(result.error).toMatch(/; nothing was changed$/);
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it('is not synced when a switch cannot be written, and says the next sync retries', async () => {
    const arc = authorityState('Off');
    current('true', 'false');
    ssm.on(PutParameterCommand).rejects(awsError('TooManyUpdates', 'too many updates'));

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result).toMatchObject({ active: false, synced: false, error: 'some switches could not be set; the next sync retries them' });
    expect(result.servingFlag).toEqual({ ok: false, parameter: syncRequest.servingParameter, before: 'true', changed: false, error: 'TooManyUpdates: too many updates' });
    expect(result.api).toMatchObject({ ok: true, changed: false });
  });

  it('writes a switch it cannot read', async () => {
    const arc = authorityState('Off');
    current('false', 'false');
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', ''));

    const result = await syncRegion(syncRequest, clients(), authorityOf(arc));

    expect(result.synced).toBe(true);
    expect(result.servingFlag).toEqual({ ok: true, parameter: syncRequest.servingParameter, version: 4, changed: true });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Value: 'false' });
  });
});
