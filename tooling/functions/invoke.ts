// Local invoke of a built function bundle; see tooling/bin/invoke.ts for the command line.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { defaultOutDir, functionNames } from './bundle.ts';
import { startLocalStack } from './local-stack.ts';
import { integer, parseArgs } from '../core/args.ts';
import { UserError } from '../core/errors.ts';

export interface InvokeArgs {
  fn: string;
  eventFile: string;
  report: boolean;
  repeat: number;
}

const USAGE = 'usage: npm run --silent invoke -- <function> --event <file.json> [--report] [--repeat N]';

export function parseInvokeArgs(argv: string[], known: string[] = functionNames()): InvokeArgs {
  const args = parseArgs(argv, { values: ['event', 'repeat'], flags: ['report'] });
  const [fn, extra] = args.positionals;
  if (extra !== undefined) throw new UserError(`unexpected argument ${extra}. ${USAGE}`);
  const eventFile = args.values.get('event');
  const report = args.flags.has('report');
  const repeat = integer(args, 'repeat', 1, 100, 1);
  if (!fn) throw new UserError(`no function named. ${USAGE}`);
  if (!known.includes(fn)) throw new UserError(`unknown function "${fn}": use one of ${known.join(', ')}`);
  if (!eventFile) throw new UserError(`--event <file.json> is required. ${USAGE}`);
  return { fn, eventFile, report, repeat };
}

export function readEvent(file: string): unknown {
  const path = resolve(file);
  if (!existsSync(path)) throw new UserError(`event file ${file} does not exist`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`event file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Unpacks a function zip into a new temp dir; returns the dir. */
export async function unpackBundle(zipPath: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trading-fn-'));
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const target = join(dir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
  return dir;
}

export function lambdaContext(functionName: string) {
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${awsRequestId}`,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * A sample SQS event is replayed as if its messages were acknowledged (sent) just now: the trade
 * processor rejects orders acknowledged longer ago than MAX_ORDER_AGE_SECONDS, and a sample file's
 * SentTimestamp is fixed. Other events are returned unchanged.
 */
export function acknowledgedNow(event: unknown, nowMs: number = Date.now()): unknown {
  const records = (event as { Records?: unknown })?.Records;
  if (!Array.isArray(records)) return event;
  for (const r of records as { eventSource?: unknown; attributes?: Record<string, unknown> }[]) {
    if (r?.eventSource === 'aws:sqs' && r.attributes && typeof r.attributes === 'object') r.attributes.SentTimestamp = String(nowMs);
  }
  return event;
}

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

export async function invoke(args: InvokeArgs): Promise<number> {
  const event = readEvent(args.eventFile);
  const zipPath = join(defaultOutDir(), `${args.fn}.zip`);
  if (!existsSync(zipPath)) throw new UserError(`${zipPath} does not exist: run npm run build:functions first`);

  // Everything the services, the SDK and Powertools print goes to stderr; stdout is for results.
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const print = (value: unknown) => stdoutWrite(`${JSON.stringify(value, null, 2)}\n`);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

  const stack = await startLocalStack();
  let bundleDir: string | undefined;
  const env = stack.envFor(args.fn);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  try {
    Object.assign(process.env, env);
    bundleDir = await unpackBundle(zipPath);
    let handler: Handler;
    try {
      const mod = (await import(pathToFileURL(join(bundleDir, 'index.mjs')).href)) as { handler?: Handler };
      if (typeof mod.handler !== 'function') throw new Error('index.mjs exports no handler function');
      handler = mod.handler;
    } catch (error) {
      process.stderr.write(`error: ${args.fn} failed at init: ${(error as Error).name}: ${(error as Error).message}\n`);
      return 1;
    }
    for (let i = 0; i < args.repeat; i++) {
      try {
        print(await handler(acknowledgedNow(structuredClone(event)), lambdaContext(`trading-local-${args.fn}`)));
      } catch (error) {
        process.stderr.write(`error: ${args.fn} threw: ${(error as Error).name}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    if (args.report) print(await stack.effects());
    return 0;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await stack.stop();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
    process.stdout.write = stdoutWrite as typeof process.stdout.write;
  }
}
