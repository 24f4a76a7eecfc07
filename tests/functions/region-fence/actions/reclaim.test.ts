// reclaim: the watchdog of the per-minute sync. A region whose routing control is Off but whose cluster
// is still the writer, turned off for longer than the state machine's execution timeout while the peer
// does not serve, takes the authority back; any missing condition leaves everything as it is.
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { DescribeGlobalClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRegionFenceRequest, syncRegion, type SyncRequest } from '../../../../functions/region-fence/core.ts';
import { ARNS, OWN, OWN_CLUSTER_ARN, PEER, PEER_CLUSTER_ARN, authorityOf, awsError, globalCluster, mockedArc, syncRequest, unreachable, type MockedArc } from '../fixtures.ts';

const ownSsm = new SSMClient({ region: OWN });
const peerSsm = new SSMClient({ region: PEER });
const ssmOwn = mockClient(ownSsm);
const ssmPeer = mockClient(peerSsm);
const apiGateway = mockClient(APIGatewayClient);
const rds = mockClient(RDSClient);

afterEach(() => {
  ssmOwn.reset();
  ssmPeer.reset();
  apiGateway.reset();
  rds.reset();
});

const NOW = Date.parse('2026-11-29T12:00:00Z');
const TIMEOUT = 2930;
const PEER_FLAG = '/trading/dev/us-east-1/serving';
const request: SyncRequest = {
  ...syncRequest,
  reclaim: { afterSeconds: TIMEOUT, peerRegion: PEER, peerServingParameter: PEER_FLAG, peerLeaseSeconds: 150 },
};
const clients = () => ({ ssm: ownSsm, apiGateway: new APIGatewayClient({ region: OWN }), rds: new RDSClient({ region: OWN }) });
const watchdog = { peerSsm, now: () => NOW };

/** ARC: this region's control Off; the batch that makes it On is accepted. */
function authorityOff(): MockedArc {
  const arc = mockedArc();
  arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).resolves({ RoutingControlState: 'Off' });
  arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});
  return arc;
}

/** This region's flag says "false", written `secondsAgo` ago; its stage variable is "false". */
function ownOff(secondsAgo: number): void {
  ssmOwn.on(GetParameterCommand).resolves({ Parameter: { Value: 'false', LastModifiedDate: new Date(NOW - secondsAgo * 1000) } });
  ssmOwn.on(PutParameterCommand).resolves({ Version: 9 });
  apiGateway.on(GetStageCommand).resolves({ stageName: 'v1', variables: { active: 'false' } });
  apiGateway.on(UpdateStageCommand).resolves({});
}

const reclaimBatch = [
  { RoutingControlArn: ARNS[OWN], RoutingControlState: 'On' as const },
  { RoutingControlArn: ARNS[PEER], RoutingControlState: 'Off' as const },
];

describe('the sync watchdog (reclaim)', () => {
  it('takes the authority back and switches the region on when it is the writer, off beyond the timeout, and the peer cannot be read', async () => {
    const arc = authorityOff();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));
    ownOff(TIMEOUT + 1);
    ssmPeer.on(GetParameterCommand).rejects(unreachable());

    const result = await syncRegion(request, clients(), authorityOf(arc), watchdog);

    expect(result.reclaim).toMatchObject({ reclaimed: true, check: { writer: true, operation: null, offForSeconds: TIMEOUT + 1, peerServing: null } });
    expect(result.reclaim!.notice).toMatch(new RegExp(`${OWN} took the authority back.*make failover ENV=<env> MODE=switchover TARGET=${PEER}`));
    expect(arc.stubs[0]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, { UpdateRoutingControlStateEntries: reclaimBatch });
    expect(result).toMatchObject({ authority: 'On', writer: true, active: true, synced: true });
    expect(ssmOwn).toHaveReceivedCommandWith(PutParameterCommand, { Name: request.servingParameter, Value: 'true', Overwrite: true });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, { patchOperations: [{ op: 'replace', path: '/variables/active', value: 'true' }] });
  });

  it('also when the peer answers but its flag is "true" beyond its lease (it stopped confirming itself)', async () => {
    const arc = authorityOff();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));
    ownOff(TIMEOUT + 60);
    ssmPeer.on(GetParameterCommand).resolves({ Parameter: { Value: 'true', LastModifiedDate: new Date(NOW - 151_000) } });

    const result = await syncRegion(request, clients(), authorityOf(arc), watchdog);

    expect(result.reclaim).toMatchObject({ reclaimed: true, check: { peerServing: false } });
  });

  it.each([
    ['the flag has been off for less than the execution timeout (a recovery may still run)', TIMEOUT - 1, globalCluster(OWN_CLUSTER_ARN), /turned off 2929 s ago/],
    ['the cluster is not the writer (the promotion happened)', TIMEOUT + 600, globalCluster(PEER_CLUSTER_ARN), /not the writer \(the writer is arn:aws:rds:us-east-1/],
    ['a switchover is under way', TIMEOUT + 600, globalCluster(OWN_CLUSTER_ARN, { Status: 'switching-over' }), /FailoverState\.Status "switching-over"/],
  ])('does nothing when %s', async (_case, secondsAgo, cluster, detail) => {
    const arc = authorityOff();
    rds.on(DescribeGlobalClustersCommand).resolves(cluster);
    ownOff(secondsAgo);
    ssmPeer.on(GetParameterCommand).rejects(unreachable());

    const result = await syncRegion(request, clients(), authorityOf(arc), watchdog);

    expect(result.reclaim).toMatchObject({ reclaimed: false });
    expect(result.reclaim!.detail).toMatch(detail);
    expect(arc.stubs[0]).not.toHaveReceivedCommand(UpdateRoutingControlStatesCommand);
    expect(result).toMatchObject({ authority: 'Off', active: false });
    expect(ssmOwn).not.toHaveReceivedCommandWith(PutParameterCommand, { Value: 'true' });
  });

  it('does nothing while the peer serves: a returning region that still thinks it is the writer does not take traffic back', async () => {
    const arc = authorityOff();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));
    ownOff(TIMEOUT + 600);
    ssmPeer.on(GetParameterCommand).resolves({ Parameter: { Value: 'true', LastModifiedDate: new Date(NOW - 30_000) } });

    const result = await syncRegion(request, clients(), authorityOf(arc), watchdog);

    expect(result.reclaim).toMatchObject({ reclaimed: false, check: { peerServing: true } });
    expect(result.reclaim!.detail).toMatch(/us-east-1 serves/);
    expect(arc.stubs[0]).not.toHaveReceivedCommand(UpdateRoutingControlStatesCommand);
  });

  it('does nothing when the writer or its own flag cannot be read', async () => {
    const arc = authorityOff();
    rds.on(DescribeGlobalClustersCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    ownOff(TIMEOUT + 600);
    const noWriter = await syncRegion(request, clients(), authorityOf(arc), watchdog);
    expect(noWriter.reclaim).toMatchObject({ reclaimed: false, check: { writer: null } });
    expect(noWriter.reclaim!.detail).toMatch(/ThrottlingException/);

    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));
    ssmOwn.on(GetParameterCommand).resolves({ Parameter: { Value: 'false' } });
    const noDate = await syncRegion(request, clients(), authorityOf(arc), watchdog);
    expect(noDate.reclaim!.detail).toMatch(/without a write time/);
    expect(arc.stubs[0]).not.toHaveReceivedCommand(UpdateRoutingControlStatesCommand);
  });

  it('reports a refused reclaim (the safety rules or every endpoint) and leaves the switches off', async () => {
    const arc = mockedArc();
    arc.stubs.forEach((s) => s.on(UpdateRoutingControlStatesCommand).rejects(awsError('ConflictException', 'safety rule')));
    arc.stubs[0]!.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'Off' });
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));
    ownOff(TIMEOUT + 600);
    ssmPeer.on(GetParameterCommand).rejects(unreachable());

    const result = await syncRegion(request, clients(), authorityOf(arc), watchdog);

    expect(result.reclaim).toMatchObject({ reclaimed: false });
    expect(result.reclaim!.detail).toMatch(/reclaiming the authority failed: .*ConflictException/);
    expect(result).toMatchObject({ authority: 'Off', active: false });
  });

  it('does not run without its settings (the state machine activation sync) or while the control is On', async () => {
    const arc = authorityOff();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));
    ownOff(TIMEOUT + 600);
    const result = await syncRegion(syncRequest, clients(), authorityOf(arc), watchdog);
    expect(result.reclaim).toBeUndefined();
    expect(rds).not.toHaveReceivedCommand(DescribeGlobalClustersCommand);
  });
});

describe('the watchdog settings of a sync request', () => {
  const base = { ...syncRequest, reclaim: { afterSeconds: TIMEOUT, peerServingParameter: PEER_FLAG, peerLeaseSeconds: 150 } };
  const pair = { region: OWN, peerRegion: PEER };

  it('are read with the peer region from the pair', () => {
    expect(parseRegionFenceRequest(base, pair)).toMatchObject({ reclaim: { afterSeconds: TIMEOUT, peerRegion: PEER, peerServingParameter: PEER_FLAG, peerLeaseSeconds: 150 } });
  });

  it.each([
    [{ afterSeconds: 60, peerServingParameter: PEER_FLAG, peerLeaseSeconds: 150 }, /reclaim\.afterSeconds must be a whole number of seconds, at least 600/],
    [{ afterSeconds: TIMEOUT, peerServingParameter: 'serving', peerLeaseSeconds: 150 }, /reclaim\.peerServingParameter must be the peer's serving flag/],
    [{ afterSeconds: TIMEOUT, peerServingParameter: PEER_FLAG, peerLeaseSeconds: 1.5 }, /reclaim\.peerLeaseSeconds must be/],
    ['yes', /reclaim must be an object/],
  ])('refuse %j, naming the field', (reclaim, message) => {
    expect(() => parseRegionFenceRequest({ ...base, reclaim }, pair)).toThrow(message);
  });
});
