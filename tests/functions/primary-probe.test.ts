// primary-probe: the canary behind automatic failover, against a real HTTP server on 127.0.0.1.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probePrimary, recordProbe, type ProbeResult } from '../../functions/primary-probe/core.ts';
import { RecordingMetrics } from './support/services.ts';

const ssm = mockClient(SSMClient);
let server: Server;
let base: string;
// What the fake primary answers, per path: a status, or "hang" to never answer.
const routes = new Map<string, number | 'hang'>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (route === 'hang') return; // never answers; the probe's timeout must fire
    res.writeHead(route ?? 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: route === 200 ? 'healthy' : 'unhealthy', region: 'us-east-1' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  ssm.reset();
  routes.clear();
});

function deps(path: string, timeoutMs = 2_000) {
  let t = 1_000;
  return {
    fetch,
    primarySsm: new SSMClient({ region: 'us-east-1' }),
    // A clock that advances 42 ms per reading: latency is deterministic.
    now: () => (t += 42),
    settings: { url: `${base}${path}`, timeoutMs, servingParameter: '/trading/dev/us-east-1/serving' },
  };
}

describe('probePrimary', () => {
  it('reports healthy on a 2xx without reading the serving flag', async () => {
    // Prepare
    routes.set('/v1/health', 200);
    // Act
    const result = await probePrimary(deps('/v1/health'));
    // Assess
    expect(result).toMatchObject({ outcome: 'healthy', status: 200, latencyMs: 42 });
    expect(ssm).not.toHaveReceivedCommand(GetParameterCommand);
  });

  it('reports unhealthy on a 503 while the primary should be serving', async () => {
    routes.set('/v1/health', 503);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'true' } });

    const result = await probePrimary(deps('/v1/health'));

    expect(result.outcome).toBe('unhealthy');
    expect(result.status).toBe(503);
    expect(result.detail).toMatch(/^HTTP 503: .*; serving flag is "true"$/);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/trading/dev/us-east-1/serving' });
  });

  it('reports passive, not unhealthy, when the primary was demoted on purpose', async () => {
    routes.set('/v1/health', 503);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'false' } });

    const result = await probePrimary(deps('/v1/health'));

    expect(result.outcome).toBe('passive');
  });

  it('reports unhealthy when /health does not answer in time and the flag cannot be read', async () => {
    // Prepare: the whole region is gone.
    routes.set('/v1/health', 'hang');
    const down = new Error('connect ETIMEDOUT');
    down.name = 'TimeoutError';
    ssm.on(GetParameterCommand).rejects(down);

    // Act
    const result = await probePrimary(deps('/v1/health', 150));

    // Assess
    expect(result.outcome).toBe('unhealthy');
    expect(result.status).toBeUndefined();
    expect(result.detail).toBe('no answer within 150 ms; serving flag unreadable (TimeoutError: connect ETIMEDOUT)');
  });

  it('reports unhealthy when nothing listens', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'true' } });
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });

    const result = await probePrimary({ ...deps('/'), settings: { ...deps('/').settings, url: `http://127.0.0.1:${closed}/v1/health` } });

    expect(result.outcome).toBe('unhealthy');
    expect(result.detail).toMatch(/^request failed: .*ECONNREFUSED/);
  });
});

describe('recordProbe', () => {
  const result = (outcome: ProbeResult['outcome']): ProbeResult => ({ outcome, url: 'https://x/v1/health', latencyMs: 12, detail: '' });

  it.each([
    ['healthy', [['PrimaryProbeLatency', 'Milliseconds', 12], ['PrimaryHealthy', 'Count', 1]]],
    ['unhealthy', [['PrimaryProbeLatency', 'Milliseconds', 12], ['PrimaryHealthy', 'Count', 0]]],
    // No PrimaryHealthy datapoint at all: the alarm treats missing data as not breaching.
    ['passive', [['PrimaryProbeLatency', 'Milliseconds', 12], ['PrimaryPassive', 'Count', 1]]],
  ] as const)('publishes the alarm datapoints for %s', (outcome, expected) => {
    const metrics = new RecordingMetrics();
    recordProbe(result(outcome), metrics);
    expect(metrics.points.map((p) => [p.name, p.unit, p.value])).toEqual(expected);
  });
});

describe('primary-probe handler', () => {
  let handler: (event: unknown, context: Context) => Promise<ProbeResult>;

  beforeAll(async () => {
    Object.assign(process.env, {
      AWS_REGION: 'us-east-2',
      PRIMARY_REGION: 'us-east-1',
      PRIMARY_HEALTH_URL: `${base}/v1/health`,
      PRIMARY_SERVING_PARAMETER: '/trading/dev/us-east-1/serving',
      PROBE_TIMEOUT_MS: '1000',
      POWERTOOLS_SERVICE_NAME: 'primary-probe',
      POWERTOOLS_METRICS_NAMESPACE: 'trading/dev',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    ({ handler } = await import('../../functions/primary-probe/handler.ts'));
  });

  it('probes the configured URL and reads the flag in the primary region', async () => {
    routes.set('/v1/health', 500);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'true' } });

    const result = await handler({}, { functionName: 'trading-dev-primary-probe', awsRequestId: 'r' } as Context);

    expect(result).toMatchObject({ outcome: 'unhealthy', status: 500, url: `${base}/v1/health` });
    expect(await ssm.call(0).thisValue.config.region()).toBe('us-east-1');
  });
});
