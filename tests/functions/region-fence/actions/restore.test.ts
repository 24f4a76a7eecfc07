// restore: checked first (the peer still the writer, no switchover or failover under way, asked of RDS
// in the own region); only then the authority back to the peer, its flag and its API stage on.
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { DescribeGlobalClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreRegion } from '../../../../functions/region-fence/core.ts';
import { ARNS, OWN, OWN_CLUSTER_ARN, PEER, PEER_CLUSTER_ARN, authorityOf, awsError, globalCluster, mockedArc, restoreRequest as request, unreachable } from '../fixtures.ts';

const ssm = mockClient(SSMClient);
const apiGateway = mockClient(APIGatewayClient);
const rds = mockClient(RDSClient);

afterEach(() => {
  ssm.reset();
  apiGateway.reset();
  rds.reset();
});

const peerClients = () => ({
  ssm: new SSMClient({ region: PEER }),
  apiGateway: new APIGatewayClient({ region: PEER }),
  sqs: new SQSClient({ region: PEER }),
});
const ownRds = () => new RDSClient({ region: OWN });

describe('restoreRegion', () => {
  it('checks the peer is still the writer, then moves the authority back to it and turns its flag and API on', async () => {
    // Prepare
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PEER_CLUSTER_ARN));
    ssm.on(PutParameterCommand).resolves({ Version: 8 });
    apiGateway.on(UpdateStageCommand).resolves({});

    // Act
    const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

    // Assess
    expect(result).toEqual({
      action: 'restore',
      region: PEER,
      restored: true,
      check: { peerWriter: true, operation: null },
      authority: {
        action: 'authorize',
        region: PEER,
        authorized: true,
        endpoint: arc.clients[0]!.endpoint,
        attempts: [{ endpoint: arc.clients[0]!.endpoint, region: 'us-west-2' }],
      },
      servingFlag: { ok: true, parameter: '/trading/dev/us-east-1/serving', version: 8 },
      api: { ok: true, restApiId: 'a1b2c3d4e5', stageName: 'v1' },
    });
    expect(rds).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, { GlobalClusterIdentifier: 'trading-dev' });
    expect(await rds.call(0).thisValue.config.region()).toBe(OWN);
    expect(arc.stubs[0]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, {
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: ARNS[PEER], RoutingControlState: 'On' },
        { RoutingControlArn: ARNS[OWN], RoutingControlState: 'Off' },
      ],
    });
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, { Name: request.servingParameter, Value: 'true', Overwrite: true });
    expect(apiGateway).toHaveReceivedCommandWith(UpdateStageCommand, { patchOperations: [{ op: 'replace', path: '/variables/active', value: 'true' }] });
  });

  it('changes nothing when the peer is no longer the writer', async () => {
    // Prepare: the promotion of the own region went through after all.
    const arc = mockedArc();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(OWN_CLUSTER_ARN));

    // Act
    const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

    // Assess
    expect(result.restored).toBe(false);
    expect(result.check).toEqual({ peerWriter: false, operation: null });
    expect(result.reason).toBe(`nothing changed: ${PEER_CLUSTER_ARN} is not the writer of trading-dev (the writer is ${OWN_CLUSTER_ARN})`);
    expect(result.authority).toBeUndefined();
    expect(result.servingFlag).toEqual({ ok: false, parameter: request.servingParameter, error: `not changed: ${result.reason}` });
    for (const stub of arc.stubs) expect(stub).not.toHaveReceivedAnyCommand();
    expect(ssm).not.toHaveReceivedAnyCommand();
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it.each(['pending', 'switching-over', 'failing-over', 'cancelling'])(
    'changes nothing while a switchover or failover is %s, though the peer is still the writer',
    async (status) => {
      // Prepare: a second recovery's promotion was refused because a first one is still running.
      const arc = mockedArc();
      rds.on(DescribeGlobalClustersCommand).resolves(
        globalCluster(PEER_CLUSTER_ARN, { Status: status, FromDbClusterArn: PEER_CLUSTER_ARN, ToDbClusterArn: OWN_CLUSTER_ARN, IsDataLossAllowed: false }),
      );

      // Act
      const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

      // Assess
      expect(result.restored).toBe(false);
      expect(result.check).toEqual({ peerWriter: true, operation: status });
      expect(result.reason).toBe(`nothing changed: a switchover of trading-dev is in progress (FailoverState.Status "${status}", from ${PEER_CLUSTER_ARN} to ${OWN_CLUSTER_ARN})`);
      for (const stub of arc.stubs) expect(stub).not.toHaveReceivedAnyCommand();
      expect(ssm).not.toHaveReceivedAnyCommand();
      expect(apiGateway).not.toHaveReceivedAnyCommand();
    },
  );

  it("restores after the run's own promotion timed out with the peer still the writer, though that operation is still pending", async () => {
    // Prepare: the switchover this run asked for never completed; the peer still writes.
    const arc = mockedArc();
    rds.on(DescribeGlobalClustersCommand).resolves(
      globalCluster(PEER_CLUSTER_ARN, { Status: 'switching-over', FromDbClusterArn: PEER_CLUSTER_ARN, ToDbClusterArn: OWN_CLUSTER_ARN, IsDataLossAllowed: false }),
    );
    ssm.on(PutParameterCommand).resolves({ Version: 2 });
    apiGateway.on(UpdateStageCommand).resolves({});

    // Act
    const result = await restoreRegion({ ...request, ownPromotionTimedOut: true }, peerClients(), authorityOf(arc), ownRds());

    // Assess
    expect(result.restored).toBe(true);
    expect(result.check).toEqual({ peerWriter: true, operation: 'switching-over' });
    expect(arc.stubs[0]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, {
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: ARNS[PEER], RoutingControlState: 'On' },
        { RoutingControlArn: ARNS[OWN], RoutingControlState: 'Off' },
      ],
    });
  });

  it('still refuses after its own promotion timed out when the peer is no longer the writer', async () => {
    const arc = mockedArc();
    rds.on(DescribeGlobalClustersCommand).resolves(
      globalCluster(OWN_CLUSTER_ARN, { Status: 'switching-over', FromDbClusterArn: PEER_CLUSTER_ARN, ToDbClusterArn: OWN_CLUSTER_ARN, IsDataLossAllowed: false }),
    );

    const result = await restoreRegion({ ...request, ownPromotionTimedOut: true }, peerClients(), authorityOf(arc), ownRds());

    expect(result.restored).toBe(false);
    expect(result.reason).toBe(`nothing changed: ${PEER_CLUSTER_ARN} is not the writer of trading-dev (the writer is ${OWN_CLUSTER_ARN})`);
    for (const stub of arc.stubs) expect(stub).not.toHaveReceivedAnyCommand();
  });

  it('names both reasons when a failover is running and the peer is not the writer', async () => {
    const arc = mockedArc();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(undefined, { Status: 'failing-over', IsDataLossAllowed: true }));

    const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

    expect(result.reason).toBe(
      `nothing changed: a failover of trading-dev is in progress (FailoverState.Status "failing-over", from unknown to unknown); ${PEER_CLUSTER_ARN} is not the writer of trading-dev (the writer is none)`,
    );
  });

  it('changes nothing when RDS cannot be asked', async () => {
    const arc = mockedArc();
    rds.on(DescribeGlobalClustersCommand).rejects(awsError('Throttling', 'Rate exceeded'));

    const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

    expect(result).toMatchObject({ restored: false, check: { peerWriter: null, operation: null } });
    expect(result.reason).toBe('nothing changed: whether restoring us-east-1 is right could not be checked: DescribeGlobalClusters trading-dev: Throttling: Rate exceeded');
    for (const stub of arc.stubs) expect(stub).not.toHaveReceivedAnyCommand();
    expect(ssm).not.toHaveReceivedAnyCommand();
  });

  it('leaves the switches off when the authority refuses to make the peer active', async () => {
    // Prepare: a safety rule refuses the change.
    const arc = mockedArc();
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PEER_CLUSTER_ARN));
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).rejects(awsError('ConflictException', 'the change violates an assertion rule'));

    // Act
    const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

    // Assess
    expect(result.restored).toBe(false);
    expect(result.authority).toMatchObject({ authorized: false, error: 'ConflictException: the change violates an assertion rule' });
    expect(result.servingFlag.error).toMatch(/^not changed: the authority did not make us-east-1 active \(ConflictException/);
    expect(ssm).not.toHaveReceivedAnyCommand();
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });

  it('does not open the API when the flag could not be set, and says the sync finishes it', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PEER_CLUSTER_ARN));
    ssm.on(PutParameterCommand).rejects(unreachable());

    const result = await restoreRegion(request, peerClients(), authorityOf(arc), ownRds());

    expect(result.restored).toBe(false);
    expect(result.authority?.authorized).toBe(true);
    expect(result.servingFlag.error).toBe('TimeoutError: connect ETIMEDOUT 3.5.0.1:443');
    expect(result.api.ok).toBe(false);
    expect(result.reason).toBe('the authority names us-east-1 again, but not every switch could be set; its own sync sets them within a minute');
    expect(apiGateway).not.toHaveReceivedAnyCommand();
  });
});
