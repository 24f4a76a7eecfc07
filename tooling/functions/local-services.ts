// Real services on 127.0.0.1 for local invokes, tests and benchmarks: PostgreSQL (the Debian server
// binaries, a throw-away cluster), dynalite (DynamoDB) and s3rver (S3), each on a free port and
// removed again by its stop(). SSM GetParameter and SQS GetQueueAttributes have no local server, so
// a small emulator answers exactly those two calls for local invokes of the health function.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { UserError } from '../core/errors.ts';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_PEER_REGION = 'us-east-2';

/** A free TCP port on 127.0.0.1 (the OS picks it; we release it for the service to bind). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---- PostgreSQL ---------------------------------------------------------------------------------

/**
 * The server binaries: PG_BIN_DIR if set, else the newest /usr/lib/postgresql/<version>/bin (the
 * Debian layout), else initdb on PATH.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN_DIR) {
    if (existsSync(join(env.PG_BIN_DIR, 'initdb'))) return env.PG_BIN_DIR;
    throw new UserError(`PG_BIN_DIR=${env.PG_BIN_DIR} has no initdb`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb'))) return dir;
  }
  throw new UserError('PostgreSQL server binaries (initdb, pg_ctl) not found: install the postgresql package (Debian: apt-get install postgresql) or set PG_BIN_DIR');
}

export interface LocalPostgres {
  host: string;
  port: number;
  user: string;
  /** Starts the server again after stop() (same data, same port). */
  start(): Promise<void>;
  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  stop(): Promise<void>;
  /** Stops the server if running and deletes its data. */
  destroy(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** initdb refuses to run as root: as root, the cluster is owned by and run as the postgres user. */
function asServerUser(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`${bin.split('/').pop()} failed: ${(e.stderr?.toString() || e.stdout?.toString() || e.message).trim()}`);
  }
}

export async function startPostgres(): Promise<LocalPostgres> {
  const bin = findPostgresBinDir();
  const root = mkdtempSync(join(tmpdir(), 'trading-pg-'));
  const data = join(root, 'data');
  mkdirSync(data);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
    chownSync(data, uid, gid);
  }
  asServerUser(join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c fsync=off -c unix_socket_directories=${root}`;
  let running = false;
  const pg: LocalPostgres = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    async start() {
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(root, 'server.log'), '-o', options, '-w', 'start']);
      running = true;
    },
    async stop() {
      if (!running) return;
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    async destroy() {
      try {
        await pg.stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
  try {
    await pg.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return pg;
}

// ---- dynalite and s3rver ------------------------------------------------------------------------

export interface LocalEndpoint {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<LocalEndpoint> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startS3rver(buckets: string[]): Promise<LocalEndpoint> {
  const directory = mkdtempSync(join(tmpdir(), 'trading-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

// ---- SSM / SQS emulator -------------------------------------------------------------------------

export interface ApiEmulator extends LocalEndpoint {
  parameters: Map<string, string>;
  /** Queue URL -> ApproximateNumberOfMessages. */
  queues: Map<string, number>;
}

/**
 * Answers SSM GetParameter and SQS GetQueueAttributes (both AWS JSON protocols, routed by
 * X-Amz-Target) from in-memory maps. Any other call gets an UnknownOperation error.
 */
export async function startApiEmulator(): Promise<ApiEmulator> {
  const parameters = new Map<string, string>();
  const queues = new Map<string, number>();
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  };
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      let input: Record<string, unknown> = {};
      try {
        input = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      } catch {
        return reply(res, 400, { __type: 'SerializationException', message: 'body is not JSON' });
      }
      if (target === 'AmazonSSM.GetParameter') {
        const value = parameters.get(String(input.Name));
        if (value === undefined) return reply(res, 400, { __type: 'ParameterNotFound', message: `parameter ${String(input.Name)} not found` });
        return reply(res, 200, { Parameter: { Name: input.Name, Type: 'String', Value: value, Version: 1 } });
      }
      if (target === 'AmazonSQS.GetQueueAttributes') {
        const depth = queues.get(String(input.QueueUrl));
        if (depth === undefined) return reply(res, 400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
        return reply(res, 200, { Attributes: { ApproximateNumberOfMessages: String(depth) } });
      }
      return reply(res, 400, { __type: 'UnknownOperationException', message: `the local emulator does not implement ${target || 'this call'}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    parameters,
    queues,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
