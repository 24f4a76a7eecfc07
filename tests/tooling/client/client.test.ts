// The reference client against a local mutual-TLS server: who gets in, what is retried, and that every
// attempt carries the same orderId (the trade processor's deduplication key) on a new connection.
import type { lookup as dnsLookup } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientCommand, type ClientDeps } from '../../../tooling/client/cli.ts';
import { httpsSend } from '../../../tooling/client/https.ts';
import { API_NAME, CLIENT_SUBJECT, makePki, type Pki } from './pki.ts';
import { startTradesServer, type TradesServer } from './server.ts';

const ORDER = { userId: 'u-1', symbol: 'ACME', side: 'BUY', quantity: 10, price: 101.5, timestamp: '2026-01-05T09:30:00Z' };

let pki: Pki;
let server: TradesServer | undefined;
beforeAll(() => {
  pki = makePki();
});
afterAll(() => pki.remove());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  lookups: string[];
}

/** Runs the command in-process with the real HTTPS transport; files are a map, waits are skipped. */
async function run(argv: string[], files: Record<string, string>, ids = ['3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77']): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const lookups: string[] = [];
  const deps: ClientDeps = {
    readText: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`test reads unexpected file ${path}`);
      return text;
    },
    loadTfvars: async () => ({ file: 'environments/dev/terraform.tfvars', values: { zone_name: 'dev.trading.example.com' } }),
    transport: (target) =>
      httpsSend({
        ...target,
        // The test's DNS: API_NAME is 127.0.0.1 (as Route 53 would answer the shared name).
        lookup: ((host: string, options: { all?: boolean }, cb: (err: Error | null, address: unknown, family?: number) => void) => {
          lookups.push(host);
          if (host !== API_NAME) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), undefined);
          if (options.all) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
          return cb(null, '127.0.0.1', 4);
        }) as unknown as typeof dnsLookup,
      }),
    sleep: async () => {},
    random: () => 0.5,
    newId: () => {
      const id = ids.shift();
      if (!id) throw new Error('the client asked for a second orderId');
      return id;
    },
  };
  const code = await clientCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, deps);
  return { code, stdout, stderr, lookups };
}

const files = (p: Pki, order: unknown = ORDER): Record<string, string> => ({
  'order.json': typeof order === 'string' ? order : JSON.stringify(order),
  'client.pem': p.client.cert,
  'client.key': p.client.key,
  'rogue.pem': p.rogue.cert,
  'ca.pem': p.caPem,
});

const withCert = (base: string, cert = 'client.pem') => ['submit', '--order', 'order.json', '--url', base, '--cert', cert, '--key', 'client.key', '--ca', 'ca.pem'];

describe('client submit over mutual TLS', () => {
  it('is accepted with a certificate from the truststore CA, and the server sees its subject', async () => {
    server = await startTradesServer(pki, [200]);
    const r = await run(withCert(server.base), files(pki));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ orderId: '3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77', messageId: 'm-1', attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.method).toBe('POST');
    expect(server.requests[0]!.path).toBe('/trades');
    expect(server.requests[0]!.subject).toMatchObject(CLIENT_SUBJECT);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ orderId: '3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77', ...ORDER });
  });

  it('is refused with a certificate signed by another CA: no request reaches the server', async () => {
    server = await startTradesServer(pki, [200]);
    const r = await run([...withCert(server.base, 'rogue.pem'), '--attempts', '2'], files(pki));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(server.requests).toHaveLength(0);
    // TLS 1.3 may deliver the server's "unknown CA" alert as a bare reset after the handshake.
    expect(r.stderr).toMatch(/refused the client certificate|the server may have refused the client certificate/);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^client: error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('is refused without a certificate, at once and with a clear message', async () => {
    server = await startTradesServer(pki, [200]);
    const r = await run(['submit', '--order', 'order.json', '--url', server.base, '--ca', 'ca.pem', '--attempts', '3'], files(pki));
    expect(r.code).toBe(2);
    expect(server.requests).toHaveLength(0);
    expect(r.stderr).toMatch(/^client: error: https:\/\/api\.trading\.test:\d+ refused the client certificate \(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: tlsv13 alert certificate required\): pass --cert and --key/);
    // A refused certificate is not retried: the same certificate would be refused again.
    expect(r.lookups).toHaveLength(1);
  });

  it('does not trust a server certificate from a CA it was not given', async () => {
    server = await startTradesServer(pki, [200]);
    const r = await run(['submit', '--order', 'order.json', '--url', server.base, '--cert', 'client.pem', '--key', 'client.key'], files(pki));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/The server certificate of https:\/\/api\.trading\.test:\d+ is not trusted/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('client submit retries', () => {
  it('succeeds after 503 twice, sending the same orderId on three new connections, each resolved again', async () => {
    server = await startTradesServer(pki, [503, 503, 200]);
    const r = await run(withCert(server.base), files(pki));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ messageId: 'm-3', attempts: 3 });
    expect(server.requests).toHaveLength(3);
    const ids = server.requests.map((q) => JSON.parse(q.body).orderId);
    expect(ids).toEqual(['3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77', '3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77', '3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77']);
    expect(new Set(server.requests.map((q) => q.body)).size).toBe(1);
    expect(server.connections()).toBe(3);
    expect(r.lookups).toEqual([API_NAME, API_NAME, API_NAME]);
    expect(r.stderr).toMatch(/attempt 1 of 6: HTTP 503 \(us-east-1 is not the active region/);
  });

  it('keeps the orderId the file gives', async () => {
    server = await startTradesServer(pki, [429, 200]);
    const r = await run(withCert(server.base), files(pki, { orderId: 'ORD-20260105-0001', ...ORDER }), []);
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => JSON.parse(q.body).orderId)).toEqual(['ORD-20260105-0001', 'ORD-20260105-0001']);
  });

  it('gives up after its budget with the orderId to send again', async () => {
    server = await startTradesServer(pki, [503]);
    const r = await run([...withCert(server.base), '--attempts', '4'], files(pki));
    expect(r.code).toBe(2);
    expect(server.requests).toHaveLength(4);
    const last = r.stderr.trim().split('\n').at(-1)!;
    expect(last).toBe(
      'client: error: Gave up on order 3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77 after 4 attempts; the last: HTTP 503 (us-east-1 is not the active region; retry, resolving the name again). Send the same order again with "orderId": "3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77" in the file, so that it cannot be recorded twice.',
    );
  });

  it('retries a refused connection, then gives up', async () => {
    server = await startTradesServer(pki, [200]);
    const { base } = server;
    await server.close();
    server = undefined;
    const r = await run([...withCert(base), '--attempts', '3'], files(pki));
    expect(r.code).toBe(2);
    expect(r.lookups).toHaveLength(3);
    expect(r.stderr).toContain('after 3 attempts; the last: ECONNREFUSED');
  });

  it('does not retry an order the API refuses (400)', async () => {
    server = await startTradesServer(pki, [400, 200]);
    const r = await run(withCert(server.base), files(pki));
    expect(r.code).toBe(2);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toContain('The API refused order 3f0e2d7c-5a41-4c8e-9d5b-0c6a1e2f4b77 (HTTP 400): status 400.');
  });
});
