// The reference client's core: send one prepared order until the API takes it, refuses it, or the
// retry budget is spent. The transport is passed in (tooling/client/https.ts in use, fakes in tests):
// each call of `send` is one new connection to a freshly resolved address.
import { UserError } from '../core/errors.ts';
import { backoffDelay, classifyFailure, RETRYABLE_STATUSES, type BackoffPolicy, type TransportFailure } from './backoff.ts';
import type { PreparedOrder } from './order.ts';

export type SendResult =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'failure'; failure: TransportFailure };

export interface SubmitDeps {
  send: (body: string) => Promise<SendResult>;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** One line per retry, for stderr. */
  log: (line: string) => void;
}

export interface Submitted {
  orderId: string;
  messageId: string;
  attempts: number;
}

export async function submitOrder(url: string, order: PreparedOrder, policy: BackoffPolicy, deps: SubmitDeps): Promise<Submitted> {
  const again = `Send the same order again with "orderId": "${order.orderId}" in the file, so that it cannot be recorded twice.`;
  let last = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) {
      const wait = backoffDelay(attempt, policy, deps.random);
      deps.log(`attempt ${attempt - 1} of ${policy.attempts}: ${last}; retrying in ${wait} ms`);
      await deps.sleep(wait);
    }
    const result = await deps.send(order.body);
    if (result.kind === 'failure') {
      const kind = classifyFailure(result.failure);
      const what = describeFailure(result.failure);
      if (kind === 'client-certificate-refused') {
        throw new UserError(`${url} refused the client certificate (${what}): pass --cert and --key with a certificate issued by a CA in the API's truststore (docs/client-authentication.md).`);
      }
      if (kind === 'server-certificate') throw new UserError(`The server certificate of ${url} is not trusted (${what}): check --ca and --url.`);
      if (kind === 'fatal') throw new UserError(`Could not reach ${url} (${what}). ${again}`);
      last = what;
      continue;
    }
    const message = messageOf(result.body);
    if (result.status >= 200 && result.status < 300) {
      return { orderId: order.orderId, messageId: messageIdOf(result.body), attempts: attempt };
    }
    if (RETRYABLE_STATUSES.has(result.status)) {
      last = `HTTP ${result.status}${message ? ` (${message})` : ''}`;
      continue;
    }
    if (result.status === 400) throw new UserError(`The API refused order ${order.orderId} (HTTP 400): ${message || 'no reason given'}.`);
    if (result.status === 401 || result.status === 403) {
      throw new UserError(`The API refused the request (HTTP ${result.status}${message ? `: ${message}` : ''}): call the shared name with a client certificate the truststore accepts (docs/client-authentication.md).`);
    }
    throw new UserError(`The API answered HTTP ${result.status}${message ? ` (${message})` : ''} for order ${order.orderId}. ${again}`);
  }
  throw new UserError(`Gave up on order ${order.orderId} after ${policy.attempts} attempts; the last: ${last}. ${again}`);
}

function describeFailure(f: TransportFailure): string {
  // OpenSSL's messages carry its own location ("8098...:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13
  // alert certificate required:../deps/...:SSL alert number 116"); keep the reason.
  const openssl = /^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]*)/.exec(f.message);
  const reason = (openssl ? openssl[1]! : f.message).trim();
  const base = f.code ? `${f.code}: ${reason}` : reason;
  // TLS 1.3 sends the server's verdict on the client certificate after the client considers the
  // handshake done, so a refusal can reach the client as a bare reset.
  return f.afterHandshake && (f.code === 'ECONNRESET' || f.code === 'EPIPE')
    ? `${base}, after the TLS handshake: the server may have refused the client certificate`
    : base;
}

function parsed(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(body: string): string {
  const m = parsed(body)?.message;
  if (typeof m === 'string') return m.replace(/\s+/g, ' ').slice(0, 300);
  return body.replace(/\s+/g, ' ').trim().slice(0, 300);
}

function messageIdOf(body: string): string {
  const id = parsed(body)?.messageId;
  return typeof id === 'string' ? id : '';
}
