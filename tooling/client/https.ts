// The reference client's transport: one POST over a new TLS connection per call. `agent: false` gives
// every request its own socket (no keep-alive, no pooled connection to the region that answered
// before), and each new socket resolves the host name again through dns.lookup, so after a failover
// the next attempt follows Route 53 to the region that now serves.
import { lookup as dnsLookup } from 'node:dns';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { SendResult } from './submit.ts';

export interface HttpsTarget {
  /** https://<name>[:port]/trades */
  url: URL;
  /** PEM client certificate chain and key (mutual TLS); omitted, no certificate is offered. */
  cert?: string;
  key?: string;
  /** PEM CA bundle for the server certificate; omitted, Node's public roots. */
  ca?: string;
  timeoutMs: number;
  /** Name resolution; dns.lookup by default (tests count the calls). */
  lookup?: typeof dnsLookup;
}

export function httpsSend(target: HttpsTarget): (body: string) => Promise<SendResult> {
  return (body) =>
    new Promise<SendResult>((resolve) => {
      let handshake = false;
      let settled = false;
      const done = (r: SendResult) => {
        if (!settled) {
          settled = true;
          resolve(r);
        }
      };
      const req = request(
        target.url,
        {
          method: 'POST',
          agent: false,
          lookup: target.lookup ?? dnsLookup,
          cert: target.cert,
          key: target.key,
          ca: target.ca,
          timeout: target.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            connection: 'close',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ kind: 'response', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (err: NodeJS.ErrnoException) => done({ kind: 'failure', failure: { code: err.code, message: err.message, afterHandshake: true } }));
        },
      );
      req.on('socket', (socket) => (socket as TLSSocket).once('secureConnect', () => (handshake = true)));
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${target.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => done({ kind: 'failure', failure: { code: err.code, message: err.message.split('\n')[0]!, afterHandshake: handshake } }));
      req.end(body);
    });
}
