// The region-fence handler: parses any action, binds its clients to the right regions and endpoints.
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { Route53RecoveryClusterClient, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARNS, ENDPOINTS, OWN, PEER, awsError, fenceRequest } from './fixtures.ts';

const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const apiGateway = mockClient(APIGatewayClient);
const arc = mockClient(Route53RecoveryClusterClient);

afterEach(() => {
  ssm.reset();
  lambda.reset();
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

  it('fences the peer with clients bound to the peer region', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 2 });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }] });
    lambda.on(UpdateEventSourceMappingCommand).resolves({ State: 'Disabling' });
    apiGateway.on(UpdateStageCommand).resolves({});

    const result = await handler(fenceRequest, context);

    expect(result).toMatchObject({ action: 'fence', fenced: true, region: PEER });
    expect(await ssm.call(0).thisValue.config.region()).toBe(PEER);
    expect(await apiGateway.call(0).thisValue.config.region()).toBe(PEER);
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
