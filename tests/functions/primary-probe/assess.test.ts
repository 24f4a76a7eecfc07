// primary-probe's preflight verdict: the state machine asks it, before a data-loss failover, whether the
// other region is still seen healthy. (a) against a real HTTP server on 127.0.0.1, (b) through an
// injected TXT resolver; no routing control is read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessPeer, isAssessRequest, judgePeer } from '../../../functions/primary-probe/core.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const status = Number((req.url ?? '').split('/').pop());
    res.writeHead(Number.isInteger(status) && status >= 200 ? status : 404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function deps(status: number, view: string | Error) {
  return {
    fetch,
    resolveTxt: async () => {
      if (view instanceof Error) throw view;
      return [[view]];
    },
    now: () => 0,
    settings: { url: `${base}/v1/${status}`, timeoutMs: 2_000, route53ViewName: 'primary-view.trading.example.com', primaryRoutingControlArn: 'unused' },
  };
}

describe('judgePeer', () => {
  it('calls the region healthy when either vantage point sees it healthy', () => {
    expect(judgePeer(true, 'unhealthy')).toBe('healthy');
    expect(judgePeer(true, 'unresolved')).toBe('healthy');
    expect(judgePeer(false, 'healthy')).toBe('healthy');
  });

  it('calls it unhealthy only when both agree, and unknown when the view is unreadable', () => {
    expect(judgePeer(false, 'unhealthy')).toBe('unhealthy');
    expect(judgePeer(false, 'unresolved')).toBe('unknown');
  });
});

describe('assessPeer', () => {
  it('is healthy when /health answers 200, whatever Route 53 says', async () => {
    const a = await assessPeer(deps(200, 'unhealthy'));
    expect(a).toMatchObject({ verdict: 'healthy', status: 200, canaryFailed: false, route53View: 'unhealthy' });
    expect(a.detail).toMatch(/^healthy: its \/health answers \(HTTP 200/);
  });

  it('is healthy when its own GET fails but Route 53 sees the region healthy (a partition, not an outage)', async () => {
    const a = await assessPeer(deps(503, 'healthy'));
    expect(a).toMatchObject({ verdict: 'healthy', status: 503, canaryFailed: true, route53View: 'healthy' });
  });

  it('is unhealthy when the GET fails and Route 53 sees it unhealthy', async () => {
    const a = await assessPeer(deps(503, 'unhealthy'));
    expect(a).toMatchObject({ verdict: 'unhealthy', canaryFailed: true, route53View: 'unhealthy' });
  });

  it('is unknown when the GET fails and the view cannot be read', async () => {
    const a = await assessPeer(deps(503, Object.assign(new Error('queryTxt ETIMEOUT'), { code: 'ETIMEOUT' })));
    expect(a.verdict).toBe('unknown');
    expect(a.detail).toMatch(/cannot tell/);
  });
});

describe('isAssessRequest', () => {
  it('recognises only the state machine\'s {"action": "assess"}', () => {
    expect(isAssessRequest({ action: 'assess' })).toBe(true);
    expect(isAssessRequest({ 'detail-type': 'Scheduled Event' })).toBe(false);
    expect(isAssessRequest(null)).toBe(false);
  });
});
