// The health check Route 53 follows. It is shallow: 200 only when the region's serving authority says
// this region is active (the serving flag reads "true" within its lease, shared/serving-flag.ts) AND
// this region's cluster is the writer, asked of the database itself (shared/writer.ts; a TCP connect
// cannot tell a writer from a demoted cluster).
// The deep dependency probes (sessions table, trade queue) still run and are reported in checks[],
// but do not decide the status: each result feeds DependencyProbeFailed (dimension Probe) for alarms.
// Every probe has its own deadline, so a hung dependency costs PROBE_TIMEOUT_MS, not the Lambda
// timeout. The body is public (GET /health is unauthenticated, threat 7 of docs/threat-model.md): it
// carries only the status and each check's name with ok or failed. Reason codes, latencies, table
// states and the errors themselves go to the function's log, never to the caller.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { describeError } from '../shared/aws.ts';
import { flagVerdict, servingFlagRead } from '../shared/serving-flag.ts';
import type { WriterRole } from '../shared/writer.ts';

export interface HealthSettings {
  region: string;
  servingParameter: string;
  flagCacheSeconds: number;
  /** The serving flag counts only if it was written at most this long ago (SERVING_LEASE_SECONDS). */
  servingLeaseSeconds: number;
  sessionsTable: string;
  queueUrl: string;
  probeTimeoutMs: number;
}

/** The serving flag as last read from SSM; lives for the execution environment. */
export interface FlagCache {
  value?: string;
  /** Epoch ms of the flag's last write (SSM LastModifiedDate), when SSM gave one. */
  lastModifiedMs?: number;
  readAt?: number;
}

export interface HealthDeps {
  ssm: SSMClient;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  /** Asks this region's cluster whether it is the writer (shared/writer.ts, pooledWriterRole in the handler). */
  writerRole: () => Promise<WriterRole>;
  settings: HealthSettings;
  flagCache: FlagCache;
  /** Milliseconds clock; injectable so cache expiry is testable without waiting. */
  now?: () => number;
  /** Where probe errors go in full (never into the public body). */
  logger?: { warn(message: string, extra: Record<string, unknown>): void };
  /** Called once per deep probe with its result: the handler publishes DependencyProbeFailed. */
  probeResult?: (probe: string, failed: boolean) => void;
}

export interface Check {
  name: string;
  ok: boolean;
  latencyMs: number;
  /** A short reason code, e.g. serving, not-serving, lease-expired, writer, read-only, in-recovery, unreachable, timeout. */
  detail: string;
  /** false for the deep probes: reported and alarmed on, but not deciding the status. */
  decides: boolean;
}

/** The checks that decide 200 or 503. */
export const DECIDING_CHECKS = ['serving-flag', 'writer'] as const;
/** The deep probes: reported and counted, not deciding. */
export const DEPENDENCY_PROBES = ['sessions-table', 'trade-queue'] as const;

export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  region: string;
  checks: Check[];
}

class ProbeTimeout extends Error {
  override name = 'ProbeTimeout';
}

/** Runs a probe with a deadline; the signal aborts the underlying request when the deadline passes. */
async function probe(
  deps: HealthDeps,
  name: string,
  decides: boolean,
  run: (signal: AbortSignal) => Promise<{ ok: boolean; detail: string }>,
): Promise<Check> {
  const timeoutMs = deps.settings.probeTimeoutMs;
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
    return { name, ...result, decides, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    deps.logger?.warn('health probe failed', { probe: name, reason: describeError(error) });
    const detail = error instanceof ProbeTimeout ? 'timeout' : 'unreachable';
    return { name, ok: false, detail, decides, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

async function servingFlag(deps: HealthDeps, signal: AbortSignal): Promise<{ ok: boolean; detail: string }> {
  const { settings, flagCache } = deps;
  const now = (deps.now ?? Date.now)();
  const fresh = flagCache.readAt !== undefined && now - flagCache.readAt < settings.flagCacheSeconds * 1000;
  if (!fresh) {
    const read = servingFlagRead(await deps.ssm.send(new GetParameterCommand({ Name: settings.servingParameter }), { abortSignal: signal }));
    // Only successful reads are cached: an SSM error is re-tried on the next probe.
    flagCache.value = read.value ?? '';
    flagCache.lastModifiedMs = read.lastModifiedMs;
    flagCache.readAt = now;
  }
  // The lease is judged against the clock on every probe, cached read or not.
  const verdict = flagVerdict({ value: flagCache.value, lastModifiedMs: flagCache.lastModifiedMs }, settings.servingLeaseSeconds, now);
  if (verdict.active) return { ok: true, detail: 'serving' };
  if (verdict.reason !== 'not-serving') deps.logger?.warn('serving flag does not make this region active', { parameter: settings.servingParameter, reason: verdict.detail });
  return { ok: false, detail: verdict.reason };
}

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const { settings } = deps;
  const checks = await Promise.all([
    probe(deps, 'serving-flag', true, (signal) => servingFlag(deps, signal)),
    // The pool's own connect and query timeouts stop the query; the deadline bounds the wait.
    probe(deps, 'writer', true, async () => {
      const role = await deps.writerRole();
      return role.writer ? { ok: true, detail: 'writer' } : { ok: false, detail: role.reason };
    }),
    probe(deps, 'sessions-table', false, async (signal) => {
      const out = await deps.dynamodb.send(new DescribeTableCommand({ TableName: settings.sessionsTable }), { abortSignal: signal });
      const status = out.Table?.TableStatus ?? 'UNKNOWN';
      // UPDATING still serves reads and writes (e.g. while a replica or index is being changed).
      return { ok: status === 'ACTIVE' || status === 'UPDATING', detail: status };
    }),
    probe(deps, 'trade-queue', false, async (signal) => {
      await deps.sqs.send(new GetQueueAttributesCommand({ QueueUrl: settings.queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }), { abortSignal: signal });
      return { ok: true, detail: 'reachable' };
    }),
  ]);
  for (const c of checks) if (!c.decides) deps.probeResult?.(c.name, !c.ok);
  const healthy = checks.filter((c) => c.decides).every((c) => c.ok);
  return { status: healthy ? 'healthy' : 'unhealthy', region: settings.region, checks };
}

/** What an anonymous caller of GET /health sees: the status and each check's name with ok or failed. */
export interface PublicHealth {
  status: HealthReport['status'];
  checks: { name: string; result: 'ok' | 'failed' }[];
}

/** The public view of a report: no region, endpoint, queue depth, table state, latency or error text. */
export function publicHealth(report: HealthReport): PublicHealth {
  return { status: report.status, checks: report.checks.map((c) => ({ name: c.name, result: c.ok ? 'ok' : 'failed' })) };
}

export function toApiResponse(report: HealthReport): APIGatewayProxyResult {
  return {
    statusCode: report.status === 'healthy' ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(publicHealth(report)),
  };
}
