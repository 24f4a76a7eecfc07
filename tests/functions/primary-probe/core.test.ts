// primary-probe: the canary behind automatic failover. (a) against a real HTTP server on 127.0.0.1,
// (b) through an injected TXT resolver (no network), the routing control through mocked ARC endpoints.
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import 'aws-sdk-client-mock-vitest/extend';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probePrimary, recordProbe, type ProbeResult } from '../../../functions/primary-probe/core.ts';
import { ConfigError, loadConfig } from '../../../functions/shared/config.ts';
import { configSchema } from '../../../functions/primary-probe/config.ts';
import { ARNS, PEER, awsError, mockedArc, unreachable, type MockedArc } from '../region-fence/fixtures.ts';
import { RecordingMetrics } from '../support/services.ts';

const PRIMARY_ARN = ARNS[PEER];
let server: Server;
let base: string;
// What the fake primary answers, per path: a status, or "hang" to never answer.
const routes = new Map<string, number | 'hang'>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (route === 'hang') return; // never answers; the probe's timeout must fire
    res.writeHead(route ?? 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: route === 200 ? 'healthy' : 'unhealthy', region: PEER }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => routes.clear());

/** Route 53's view as the TXT lookup answers it: a value, an error, or a lookup that never answers. */
type View = 'healthy' | 'unhealthy' | Error | 'hang' | string[][];

function deps(arc: MockedArc, view: View, path = '/v1/health', timeoutMs = 2_000) {
  let t = 1_000;
  const lookups: string[] = [];
  return {
    lookups,
    deps: {
      fetch,
      resolveTxt: async (name: string) => {
        lookups.push(name);
        if (view === 'hang') return new Promise<string[][]>(() => {});
        if (view instanceof Error) throw view;
        return typeof view === 'string' ? [[view]] : view;
      },
      arc: arc.clients,
      // A clock that advances 42 ms per reading: latency is deterministic.
      now: () => (t += 42),
      settings: { url: `${base}${path}`, timeoutMs, route53ViewName: 'primary-view.trading.example.com', primaryRoutingControlArn: PRIMARY_ARN },
    },
  };
}

function control(state: 'On' | 'Off'): MockedArc {
  const arc = mockedArc();
  arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: PRIMARY_ARN }).resolves({ RoutingControlState: state });
  return arc;
}

describe('probePrimary', () => {
  it('reports healthy on a 2xx without reading the routing control', async () => {
    // Prepare
    routes.set('/v1/health', 200);
    const arc = control('On');
    const { deps: d, lookups } = deps(arc, 'healthy');
    // Act
    const result = await probePrimary(d);
    // Assess
    expect(result).toMatchObject({ outcome: 'healthy', status: 200, latencyMs: 42, canaryFailed: false, route53View: 'healthy' });
    expect(result.routingControl).toBeUndefined();
    expect(lookups).toEqual(['primary-view.trading.example.com']);
    expect(arc.stubs[0]).not.toHaveReceivedAnyCommand();
  });

  it('does not count a 429 as down', async () => {
    routes.set('/v1/health', 429);
    const arc = control('On');

    const result = await probePrimary(deps(arc, 'unhealthy').deps);

    expect(result).toMatchObject({ outcome: 'healthy', status: 429, canaryFailed: false, route53View: 'unhealthy' });
    expect(result.detail).toMatch(/throttled: the primary answers, it is not down/);
    expect(arc.stubs[0]).not.toHaveReceivedAnyCommand();
  });

  it('reports unhealthy only when the GET fails, Route 53 sees it unhealthy and its routing control is On', async () => {
    routes.set('/v1/health', 503);
    const arc = control('On');

    const result = await probePrimary(deps(arc, 'unhealthy').deps);

    expect(result).toMatchObject({ outcome: 'unhealthy', status: 503, canaryFailed: true, route53View: 'unhealthy', routingControl: 'On' });
    expect(result.detail).toMatch(/^HTTP 503: .*; Route 53 view: unhealthy; routing control On$/);
    expect(arc.stubs[0]).toHaveReceivedCommandWith(GetRoutingControlStateCommand, { RoutingControlArn: PRIMARY_ARN });
  });

  it('reports passive, not unhealthy, when the primary routing control is Off', async () => {
    routes.set('/v1/health', 503);

    const result = await probePrimary(deps(control('Off'), 'unhealthy').deps);

    expect(result).toMatchObject({ outcome: 'passive', routingControl: 'Off', canaryFailed: true });
  });

  it('trusts Route 53 checkers that still see the primary healthy when only its own GET fails', async () => {
    routes.set('/v1/health', 'hang');

    const result = await probePrimary(deps(control('On'), 'healthy', '/v1/health', 150).deps);

    expect(result).toMatchObject({ outcome: 'healthy', canaryFailed: true, route53View: 'healthy', routingControl: 'On' });
    expect(result.status).toBeUndefined();
    expect(result.detail).toMatch(/^no answer within 150 ms; Route 53 view: healthy; routing control On: Route 53's checkers see the primary healthy$/);
  });

  it.each([
    ['the lookup fails', Object.assign(new Error('queryTxt ENOTFOUND primary-view.trading.example.com'), { code: 'ENOTFOUND' }), /Route 53 view unresolved: ENOTFOUND: queryTxt ENOTFOUND/],
    ['the lookup never answers', 'hang' as const, /Route 53 view unresolved: Error: no DNS answer within 150 ms/],
    ['the answer is neither healthy nor unhealthy', [['maybe']], /unexpected TXT answer \["maybe"\]/],
  ])('is inconclusive, with no failover datapoint, when %s', async (_name, view, detail) => {
    routes.set('/v1/health', 502);

    const result = await probePrimary(deps(control('On'), view as View, '/v1/health', 150).deps);

    expect(result).toMatchObject({ outcome: 'inconclusive', route53View: 'unresolved', canaryFailed: true });
    expect(result.detail).toMatch(detail);
  });

  it('reads the routing control from the next endpoint when the first does not answer', async () => {
    routes.set('/v1/health', 503);
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand).rejects(unreachable());
    arc.stubs[1]!.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'On' });

    const result = await probePrimary(deps(arc, 'unhealthy').deps);

    expect(result).toMatchObject({ outcome: 'unhealthy', routingControl: 'On' });
  });

  it('is inconclusive, not unhealthy, when the routing control cannot be read on any endpoint', async () => {
    routes.set('/v1/health', 503);
    const arc = mockedArc();
    for (const stub of arc.stubs) stub.on(GetRoutingControlStateCommand).rejects(awsError('InternalServerException', 'oops'));

    const result = await probePrimary(deps(arc, 'unhealthy').deps);

    expect(result).toMatchObject({ outcome: 'inconclusive', routingControl: 'unknown', route53View: 'unhealthy' });
    expect(result.detail).toMatch(/routing control unreadable \(no cluster endpoint answered \(3 tried/);
  });
});

describe('recordProbe', () => {
  const result = (outcome: ProbeResult['outcome'], canaryFailed: boolean, route53View: ProbeResult['route53View']): ProbeResult => ({
    outcome,
    url: 'https://x/v1/health',
    latencyMs: 12,
    detail: '',
    canaryFailed,
    route53View,
  });

  it.each([
    [result('healthy', false, 'healthy'), [['PrimaryProbeLatency', 12], ['CanaryFailed', 0], ['Route53ViewUnhealthy', 0], ['PrimaryHealthy', 1]]],
    [result('unhealthy', true, 'unhealthy'), [['PrimaryProbeLatency', 12], ['CanaryFailed', 1], ['Route53ViewUnhealthy', 1], ['PrimaryHealthy', 0]]],
    // No PrimaryHealthy datapoint at all: the alarm treats missing data as not breaching.
    [result('passive', true, 'unhealthy'), [['PrimaryProbeLatency', 12], ['CanaryFailed', 1], ['Route53ViewUnhealthy', 1], ['PrimaryPassive', 1]]],
    [result('inconclusive', true, 'unresolved'), [['PrimaryProbeLatency', 12], ['CanaryFailed', 1]]],
  ] as const)('publishes the alarm datapoints for $outcome', (probe, expected) => {
    const metrics = new RecordingMetrics();
    recordProbe(probe, metrics);
    expect(metrics.points.map((p) => [p.name, p.value])).toEqual(expected);
  });
});

describe('primary-probe configuration', () => {
  it('names a bad view name, routing control and endpoint list in one line', () => {
    let message = '';
    try {
      loadConfig(configSchema, {
        AWS_REGION: 'us-east-2',
        PRIMARY_HEALTH_URL: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1/health',
        ROUTE53_VIEW_NAME: 'not a name',
        PRIMARY_ROUTING_CONTROL_ARN: 'arn:aws:sns:us-east-1:111122223333:x',
        ARC_CLUSTER_ENDPOINTS: '{}',
        PROBE_TIMEOUT_MS: '1000',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toBe(
      "Invalid function configuration: ROUTE53_VIEW_NAME: must be the DNS name of the Route 53 view's TXT failover records, e.g. primary-view.trading.example.com; " +
        'PRIMARY_ROUTING_CONTROL_ARN: must be a routing control ARN, arn:aws:route53-recovery-control::<account>:controlpanel/<id>/routingcontrol/<id>; ' +
        'ARC_CLUSTER_ENDPOINTS: must be a JSON array of {"endpoint","region"}',
    );
  });
});
