// `npm run --silent client -- submit --order order.json [--env dev] [--url https://...]
//   [--cert c.pem --key k.pem] [--ca ca.pem] [--attempts N] [--backoff-ms MS]`
// Arguments, files and the environment's shared name in; one line out (the queued order) or one
// error line (exit 2). Every I/O is passed in, so tests run it against a local server.
import { integer, parseArgs } from '../core/args.ts';
import { guarded, type Io } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import type { HclValue } from '../terraform/hcl.ts';
import { ENVIRONMENTS, parseEnvironment, type Environment } from '../terraform/workspace.ts';
import { DEFAULT_POLICY, type BackoffPolicy } from './backoff.ts';
import type { HttpsTarget } from './https.ts';
import { prepareOrder } from './order.ts';
import { submitOrder, type SendResult } from './submit.ts';

export const USAGE = `usage: client submit --order <file.json> [--env ${ENVIRONMENTS.join('|')} | --url https://<name>] [--cert <client.pem> --key <client.key>] [--ca <ca.pem>] [--attempts 1-20] [--backoff-ms 1-60000]`;

export interface ClientDeps {
  /** A file's text; a missing or unreadable file is a UserError naming it. */
  readText: (path: string) => string;
  /** environments/<env>/terraform.tfvars, parsed. */
  loadTfvars: (env: Environment) => Promise<{ file: string; values: HclValue }>;
  transport: (target: HttpsTarget) => (body: string) => Promise<SendResult>;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  newId: () => string;
}

/** The shared API name of an environment: https://<api_subdomain>.<zone_name>, api_subdomain being the orchestrator's default, "api". */
export function sharedUrlFrom(file: string, values: HclValue): string {
  const zone = values && typeof values === 'object' && !Array.isArray(values) ? values.zone_name : undefined;
  if (typeof zone !== 'string' || !/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/.test(zone)) {
    throw new UserError(`${file}: zone_name must be set to a DNS name (got ${JSON.stringify(zone ?? null)}).`);
  }
  return `https://api.${zone}`;
}

/** POST <base>/trades; the base must be https and carry no query or fragment. */
export function tradesUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UserError(`--url ${base} is not a URL; use https://<name>.`);
  }
  if (url.protocol !== 'https:') throw new UserError(`--url must be https (the API accepts nothing else), got ${url.protocol.replace(':', '')}.`);
  if (url.search || url.hash || url.username || url.password) throw new UserError(`--url ${base} must be https://<name>[:port][/path] only.`);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/trades`;
  return url;
}

export async function clientCommand(argv: readonly string[], io: Io, deps: ClientDeps): Promise<number> {
  return guarded('client', io, async () => {
    const args = parseArgs(argv, { values: ['order', 'env', 'url', 'cert', 'key', 'ca', 'attempts', 'backoff-ms', 'timeout-ms'] });
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const [command, ...rest] = args.positionals;
    if (command !== 'submit' || rest.length) throw new UserError(`Unknown command ${JSON.stringify(args.positionals.join(' '))}: ${USAGE}`);
    const orderFile = args.values.get('order');
    if (!orderFile) throw new UserError(`--order <file.json> is required: ${USAGE}`);
    const cert = args.values.get('cert');
    const key = args.values.get('key');
    if ((cert === undefined) !== (key === undefined)) throw new UserError('--cert and --key go together: the client certificate and its private key.');
    if (args.values.has('url') && args.values.has('env')) throw new UserError('Use --url or --env, not both.');
    const policy: BackoffPolicy = {
      ...DEFAULT_POLICY,
      attempts: integer(args, 'attempts', 1, 20, DEFAULT_POLICY.attempts),
      baseDelayMs: integer(args, 'backoff-ms', 1, 60_000, DEFAULT_POLICY.baseDelayMs),
    };
    const timeoutMs = integer(args, 'timeout-ms', 100, 120_000, 10_000);

    // Inputs first: a bad order file stops before any connection.
    const order = prepareOrder(orderFile, deps.readText(orderFile), deps.newId);
    const pem = (name: 'cert' | 'key' | 'ca'): string | undefined => {
      const path = args.values.get(name);
      if (path === undefined) return undefined;
      const text = deps.readText(path);
      const expected = name === 'key' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/ : /-----BEGIN CERTIFICATE-----/;
      if (!expected.test(text)) throw new UserError(`--${name} ${path} is not a PEM ${name === 'key' ? 'private key' : 'certificate'}.`);
      return text;
    };
    const tls = { cert: pem('cert'), key: pem('key'), ca: pem('ca') };
    let base = args.values.get('url');
    if (base === undefined) {
      const { file, values } = await deps.loadTfvars(parseEnvironment(args.values.get('env') ?? 'dev'));
      base = sharedUrlFrom(file, values);
    }
    const url = tradesUrl(base);
    const send = deps.transport({ url, ...tls, timeoutMs });
    const done = await submitOrder(url.origin, order, policy, {
      send,
      sleep: deps.sleep,
      random: deps.random,
      log: (line) => io.stderr(`client: ${line}\n`),
    });
    io.stdout(`${JSON.stringify({ orderId: done.orderId, messageId: done.messageId, attempts: done.attempts })}\n`);
    return 0;
  });
}
