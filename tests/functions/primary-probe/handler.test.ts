// The primary-probe handler: its ARC clients, one per cluster endpoint, and its own GET of /health.
import { GetRoutingControlStateCommand, Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerAssessment, ProbeResult } from '../../../functions/primary-probe/core.ts';
import { ARNS, ENDPOINTS, PEER } from '../region-fence/fixtures.ts';

const PRIMARY_ARN = ARNS[PEER];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"status":"unhealthy"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('primary-probe handler', () => {
  const arc = mockClient(Route53RecoveryClusterClient);
  let handler: (event: unknown, context: Context) => Promise<ProbeResult | PeerAssessment>;

  beforeAll(async () => {
    Object.assign(process.env, {
      AWS_REGION: 'us-east-2',
      PRIMARY_HEALTH_URL: `${base}/v1/health`,
      // .invalid never resolves (RFC 6761): (b) is unresolved without leaving the machine.
      ROUTE53_VIEW_NAME: 'primary-view.trading.invalid',
      PRIMARY_ROUTING_CONTROL_ARN: PRIMARY_ARN,
      ARC_CLUSTER_ENDPOINTS: JSON.stringify(ENDPOINTS),
      PROBE_TIMEOUT_MS: '1000',
      POWERTOOLS_SERVICE_NAME: 'primary-probe',
      POWERTOOLS_METRICS_NAMESPACE: 'trading/dev',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    ({ handler } = await import('../../../functions/primary-probe/handler.ts'));
  });
  afterAll(() => arc.restore());

  it('probes the configured URL and reads the routing control through the first cluster endpoint', async () => {
    arc.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'On' });

    const result = await handler({}, { functionName: 'trading-dev-primary-probe', awsRequestId: 'r' } as Context);

    expect(result).toMatchObject({ status: 500, url: `${base}/v1/health`, canaryFailed: true, routingControl: 'On', route53View: 'unresolved', outcome: 'inconclusive' });
    expect(arc).toHaveReceivedCommandWith(GetRoutingControlStateCommand, { RoutingControlArn: PRIMARY_ARN });
    expect(await arc.call(0).thisValue.config.region()).toBe('us-west-2');
  });

  it('answers the state machine\'s {"action": "assess"} with a verdict and reads no routing control', async () => {
    arc.resetHistory();

    const result = await handler({ action: 'assess' }, { functionName: 'trading-dev-primary-probe', awsRequestId: 'r2' } as Context);

    expect(result).toMatchObject({ verdict: 'unknown', status: 500, canaryFailed: true, route53View: 'unresolved' });
    expect(arc.calls()).toHaveLength(0);
  });
});
