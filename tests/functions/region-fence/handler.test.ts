// The region-fence handler: parses any action, binds its clients to the right regions and endpoints.
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { DescribeGlobalClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { Route53RecoveryClusterClient, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARNS, ENDPOINTS, OWN, PEER, PEER_CLUSTER_ARN, awsError, fenceRequest, globalCluster, restoreRequest } from './fixtures.ts';

const ssm = mockClient(SSMClient);
const sqs = mockClient(SQSClient);
const rds = mockClient(RDSClient);
const apiGateway = mockClient(APIGatewayClient);
const arc = mockClient(Route53RecoveryClusterClient);

afterEach(() => {
  ssm.reset();
  sqs.reset();
  rds.reset();
  apiGateway.reset();
  arc.reset();
});

describe('region-fence handler', () => {
  const context = { functionName: 'trading-dev-region-fence', awsRequestId: 'req-1' } as Context;
  let handler: (event: unknown, context: Context) => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    Object.assign(process.env, {
      AWS_REGION: OWN,
      PEER_REGION: PEER,
      ARC_CLUSTER_ENDPOINTS: JSON.stringify(ENDPOINTS),
      ROUTING_CONTROL_ARNS: JSON.stringify(ARNS),
      POWERTOOLS_SERVICE_NAME: 'region-fence',
      POWERTOOLS_METRICS_NAMESPACE: 'trading/dev',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    ({ handler } = (await import('../../../functions/region-fence/handler.ts')) as unknown as { handler: typeof handler });
  });

  it('fences the peer with clients bound to the peer region, its queue drained with its own SQS endpoint', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 2 });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' } });
    apiGateway.on(UpdateStageCommand).resolves({});

    const result = await handler(fenceRequest, context);

    expect(result).toMatchObject({ action: 'fence', fenced: true, region: PEER, drain: { drained: true, remaining: 0 } });
    expect(result).not.toHaveProperty('tradeProcessing');
    expect(await ssm.call(0).thisValue.config.region()).toBe(PEER);
    expect(await apiGateway.call(0).thisValue.config.region()).toBe(PEER);
    expect(await sqs.call(0).thisValue.config.region()).toBe(PEER);
  });

  it('checks a restore with RDS in its own region before it touches the peer', async () => {
    rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PEER_CLUSTER_ARN, { Status: 'switching-over' }));

    const result = await handler(restoreRequest, context);

    expect(result).toMatchObject({ action: 'restore', restored: false, check: { peerWriter: true, operation: 'switching-over' } });
    expect(await rds.call(0).thisValue.config.region()).toBe(OWN);
    expect(arc).not.toHaveReceivedAnyCommand();
    expect(ssm).not.toHaveReceivedAnyCommand();
  });

  it('authorizes through one client per cluster endpoint, in order, each with its own region and URL', async () => {
    // Prepare: the first endpoint is in maintenance, the second answers.
    const seen: { region: string; host: string }[] = [];
    arc.on(UpdateRoutingControlStatesCommand).callsFake(async (_input, getClient) => {
      const config = getClient().config;
      const endpoint = await config.endpoint!();
      seen.push({ region: await config.region(), host: endpoint.hostname });
      if (seen.length === 1) throw awsError('EndpointTemporarilyUnavailableException', 'maintenance');
      return {};
    });

    // Act
    const result = await handler({ action: 'authorize', region: OWN, executionId: 'x' }, context);

    // Assess
    expect(result).toMatchObject({ action: 'authorize', region: OWN, authorized: true, endpoint: ENDPOINTS[1]!.endpoint });
    expect(seen).toEqual([
      { region: 'us-west-2', host: 'host-aaaaaa.us-west-2.example.com' },
      { region: 'ap-northeast-1', host: 'host-bbbbbb.ap-northeast-1.example.com' },
    ]);
  });

  it('throws on a fence of its own region, so the state machine records a clear error', async () => {
    await expect(handler({ ...fenceRequest, region: OWN }, context)).rejects.toThrow(/region must be us-east-1/);
    expect(ssm).not.toHaveReceivedAnyCommand();
  });
});
