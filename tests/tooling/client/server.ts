// A local stand-in for the API's custom domain: HTTPS on 127.0.0.1 and a free port, requiring a client
// certificate from the test CA (requestCert + rejectUnauthorized), answering POST /trades from a
// script of statuses and recording every request it handled and every connection it accepted.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { API_NAME, type Pki } from './pki.ts';

export interface Seen {
  method: string;
  path: string;
  body: string;
  subject: Record<string, string>;
}

export interface TradesServer {
  /** https://API_NAME:<port> (resolve API_NAME to 127.0.0.1). */
  base: string;
  port: number;
  requests: Seen[];
  /** TLS connections accepted (a handshake completed). */
  connections: () => number;
  close: () => Promise<void>;
}

/** `statuses` are answered in order; the last one repeats. */
export async function startTradesServer(pki: Pki, statuses: number[]): Promise<TradesServer> {
  const requests: Seen[] = [];
  let connections = 0;
  const server: Server = createServer(
    { key: pki.serverKey, cert: pki.serverPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        requests.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), subject: { ...(peer.subject as unknown as Record<string, string>) } });
        const status = statuses[Math.min(requests.length, statuses.length) - 1]!;
        const body = status === 200
          ? { messageId: `m-${requests.length}` }
          : { message: status === 503 ? 'us-east-1 is not the active region; retry, resolving the name again' : `status ${status}` };
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    },
  );
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `https://${API_NAME}:${port}`,
    port,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
