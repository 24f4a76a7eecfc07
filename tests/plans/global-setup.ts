// Plans all three environments once per test run (offline) and leaves build/plans/<env>.json for
// the suites. Every HTTP(S) request Terraform or the provider makes is sent through a local proxy
// that refuses it and records the host, so the suites can prove offline mode contacts no endpoint.
// Set PLANS_REUSE=1 to reuse existing plan files while iterating on tests.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ENVIRONMENTS, planAndShow, planPaths, prepare } from '../../tooling/terraform/workspace.ts';

export const egressLog = () => join(planPaths('dev').dir, 'egress.json');

export default async function setup(): Promise<void> {
  if (process.env.PLANS_REUSE === '1' && ENVIRONMENTS.every((e) => existsSync(planPaths(e).json)) && existsSync(egressLog())) return;

  const attempts: string[] = [];
  const proxy = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  proxy.on('connect', (req, socket) => {
    attempts.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  Object.assign(process.env, { HTTPS_PROXY: url, HTTP_PROXY: url, NO_PROXY: '' });
  try {
    // Sequential: each plan loads the ~700 MB provider; three at once on two cores is slower.
    for (const env of ENVIRONMENTS) {
      const ws = await prepare(env, 'offline');
      await planAndShow(ws);
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    proxy.close();
    writeFileSync(egressLog(), JSON.stringify({ attempts }, null, 2));
  }
}
