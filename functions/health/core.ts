// Deep health check: the region's serving flag plus a probe of each dependency trade processing
// needs. Every probe has its own deadline, so a hung dependency costs PROBE_TIMEOUT_MS, not the
// Lambda timeout, and Route 53 sees a 503 instead of a timeout.
import { createConnection } from 'node:net';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { describeError } from '../shared/aws.ts';

export interface HealthSettings {
  region: string;
  servingParameter: string;
  flagCacheSeconds: number;
  dbHost: string;
  dbPort: number;
  sessionsTable: string;
  queueUrl: string;
  probeTimeoutMs: number;
}

/** The serving flag as last read from SSM; lives for the execution environment. */
export interface FlagCache {
  value?: string;
  readAt?: number;
}

export interface HealthDeps {
  ssm: SSMClient;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  settings: HealthSettings;
  flagCache: FlagCache;
  /** Milliseconds clock; injectable so cache expiry is testable without waiting. */
  now?: () => number;
}

export interface Check {
  name: string;
  ok: boolean;
  latencyMs: number;
  detail: string;
}

export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  region: string;
  checks: Check[];
}

class ProbeTimeout extends Error {
  override name = 'ProbeTimeout';
}

/** Runs a probe with a deadline; the signal aborts the underlying request when the deadline passes. */
async function probe(name: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<{ ok: boolean; detail: string }>): Promise<Check> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([run(controller.signal), deadline]);
    return { name, ...result, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, detail: describeError(error), latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

async function servingFlag(deps: HealthDeps, signal: AbortSignal): Promise<{ ok: boolean; detail: string }> {
  const { settings, flagCache } = deps;
  const now = (deps.now ?? Date.now)();
  const fresh = flagCache.readAt !== undefined && now - flagCache.readAt < settings.flagCacheSeconds * 1000;
  if (!fresh) {
    const out = await deps.ssm.send(new GetParameterCommand({ Name: settings.servingParameter }), { abortSignal: signal });
    // Only successful reads are cached: an SSM error is re-tried on the next probe.
    flagCache.value = out.Parameter?.Value ?? '';
    flagCache.readAt = now;
  }
  const value = flagCache.value;
  const age = fresh ? ` (cached ${Math.round((now - flagCache.readAt!) / 1000)} s)` : '';
  if (value === 'true') return { ok: true, detail: `${settings.servingParameter} is true${age}` };
  if (value === 'false') return { ok: false, detail: `${settings.servingParameter} is false: this region is not serving${age}` };
  return { ok: false, detail: `${settings.servingParameter} has the unexpected value ${JSON.stringify(value)}; expected "true" or "false"` };
}

function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const onAbort = () => socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ ok: true, detail: `TCP connect to ${host}:${port} succeeded` });
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(error);
    });
  });
}

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const { settings } = deps;
  const t = settings.probeTimeoutMs;
  const checks = await Promise.all([
    probe('serving-flag', t, (signal) => servingFlag(deps, signal)),
    probe('database', t, (signal) => tcpConnect(settings.dbHost, settings.dbPort, signal)),
    probe('sessions-table', t, async (signal) => {
      const out = await deps.dynamodb.send(new DescribeTableCommand({ TableName: settings.sessionsTable }), { abortSignal: signal });
      const status = out.Table?.TableStatus ?? 'UNKNOWN';
      // UPDATING still serves reads and writes (e.g. while a replica or index is being changed).
      return { ok: status === 'ACTIVE' || status === 'UPDATING', detail: `${settings.sessionsTable} is ${status}` };
    }),
    probe('trade-queue', t, async (signal) => {
      const out = await deps.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: settings.queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
        { abortSignal: signal },
      );
      return { ok: true, detail: `${out.Attributes?.ApproximateNumberOfMessages ?? '?'} messages waiting` };
    }),
  ]);
  return { status: checks.every((c) => c.ok) ? 'healthy' : 'unhealthy', region: settings.region, checks };
}

export function toApiResponse(report: HealthReport): APIGatewayProxyResult {
  return {
    statusCode: report.status === 'healthy' ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(report),
  };
}
