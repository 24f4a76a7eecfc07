// Test PKI made with the machine's openssl in a temp dir: a CA that issues the server certificate
// (for API_NAME and 127.0.0.1) and a client certificate, and a second, unrelated CA that issues a rogue client
// certificate for the same subject.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pki {
  dir: string;
  caPem: string;
  serverKey: string;
  serverPem: string;
  client: { cert: string; key: string; certFile: string; keyFile: string };
  rogue: { cert: string; key: string; certFile: string; keyFile: string };
  caFile: string;
  remove: () => void;
}

/** The name the tests call, which their resolver maps to 127.0.0.1 (the stand-in for the shared name). */
export const API_NAME = 'api.trading.test';

export const CLIENT_SUBJECT = { CN: 'desk-7', O: 'Example Trading' };

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'client-pki-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test Client CA');
  ssl('req', '-x509', ...ec, '-keyout', 'other-ca.key', '-out', 'other-ca.pem', '-days', '2', '-subj', '/CN=Unrelated CA');
  ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(f('server.ext'), `subjectAltName=DNS:${API_NAME},IP:127.0.0.1\n`);
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '1', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  ssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', `/CN=${CLIENT_SUBJECT.CN}/O=${CLIENT_SUBJECT.O}`);
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '2', '-out', 'client.pem', '-days', '2');
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'other-ca.pem', '-CAkey', 'other-ca.key', '-set_serial', '3', '-out', 'rogue.pem', '-days', '2');
  const read = (name: string) => readFileSync(f(name), 'utf8');
  return {
    dir,
    caPem: read('ca.pem'),
    caFile: f('ca.pem'),
    serverKey: read('server.key'),
    serverPem: read('server.pem'),
    client: { cert: read('client.pem'), key: read('client.key'), certFile: f('client.pem'), keyFile: f('client.key') },
    rogue: { cert: read('rogue.pem'), key: read('client.key'), certFile: f('rogue.pem'), keyFile: f('client.key') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
