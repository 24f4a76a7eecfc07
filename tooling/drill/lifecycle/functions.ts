// The function cores, called with clients backed by the simulated world: every decision a function
// makes (health, fence, trade processing, readiness, the canary's verdict) is the core's own, not the
// simulation's.
//
// The health core and the processor's batch transaction ask the cluster whether it is the writer
// (functions/shared/writer.ts). The drill answers that query from the simulated cluster: refused while
// its instances are down or the region is unreachable, read-only and in recovery while it does not
// take writes.
import { createServer } from 'node:net';
import type { SQSEvent } from 'aws-lambda';
import { WRITER_ROLE_SQL, writerRole, type Queryable } from '../../../functions/shared/writer.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { validateReadiness, type ReadinessReport, type RegionClients } from '../../../functions/failover-validator/core.ts';
import { checkHealth, toApiResponse } from '../../../functions/health/core.ts';
import { assessPeer, probePrimary, recordProbe, type PeerAssessment, type ProbeResult } from '../../../functions/primary-probe/core.ts';
import { parseRegionFenceRequest, runRegionFenceRequest, type RegionFenceResult } from '../../../functions/region-fence/core.ts';
import { processTradeBatch, type LogSink } from '../../../functions/trade-processor/core.ts';
import { commitOrders } from '../../../functions/trade-processor/store.ts';
import { callerMessageAttributes } from '../../../functions/trade-processor/identity.ts';
import { executionTimeoutSeconds } from '../../rto/figures.ts';
import { DEFAULT_SERVING_LEASE_SECONDS, servingFlagReader, type ServingFlagRead } from '../../../functions/shared/serving-flag.ts';
import { arcClients, resolveTxtFor, route53For, sendersFor, unreachable, type Command, type Sender } from './aws.ts';
import { LIFECYCLE_TIMING } from './timing.ts';
import { TIMING_MODEL } from '../timing.ts';
import { simulatedPool } from './pg.ts';
import type { Message } from './sqs.ts';
import { EPOCH_MS, dateAt, type World } from './world.ts';

let listener: Promise<number> | undefined;

/** functions/health/config.ts accepts PROBE_TIMEOUT_MS up to 10,000. */
const HEALTH_PROBE_DEADLINE_MS = 10_000;

/** The port of a local TCP listener that stands for every cluster endpoint that is up. */
export function databasePort(): Promise<number> {
  listener ??= new Promise<number>((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return listener;
}

/** GET /health in `region` (as Route 53 or the canary would reach it): the HTTP status. */
export async function health(world: World, region: string, port: number): Promise<{ status: number; body: string }> {
  const r = world.regions[region]!;
  if (world.now < r.healthFailsUntil) return { status: 503, body: '{"status":"unhealthy","detail":"health-flap"}' };
  const own = sendersFor(world, region, region);
  const report = await checkHealth({
    ssm: own.ssm as never,
    dynamodb: own.dynamodb as never,
    sqs: own.sqs as never,
    writerRole: () => writerRole(simulatedDb(world, region)),
    flagCache: r.flagCache,
    now: () => EPOCH_MS + world.now * 1000,
    settings: {
      region,
      servingParameter: world.names.servingParameter(region),
      flagCacheSeconds: world.figures.flagCacheSeconds,
      servingLeaseSeconds: DEFAULT_SERVING_LEASE_SECONDS,
      sessionsTable: world.names.sessionsTable,
      queueUrl: world.names.queueUrl(region),
      // The core's per-probe deadline runs on real time. Simulated dependencies answer at once (up or
      // refused), so the deadline only matters on a stalled machine: the largest the config allows
      // keeps the outcome independent of the machine's load.
      probeTimeoutMs: HEALTH_PROBE_DEADLINE_MS,
    },
  });
  const response = toApiResponse(report);
  return { status: response.statusCode, body: response.body };
}

/** The answer `region`'s cluster gives to the writer-role query, or a refused connection. */
function writerRoleAnswer(world: World, region: string): { rows: unknown[] } {
  const cluster = world.aurora.clusters[region]!;
  if (!world.regions[region]!.up || !cluster.instancesUp) {
    throw Object.assign(new Error(`connect ECONNREFUSED ${cluster.id}.cluster-example.${region}.rds.amazonaws.com:5432`), { code: 'ECONNREFUSED' });
  }
  return { rows: [{ in_recovery: !cluster.writable, read_only: cluster.writable ? 'off' : 'on' }] };
}

/** A session on `region`'s cluster that answers the writer-role query (health, and the processor's check). */
function simulatedDb(world: World, region: string): Queryable {
  return {
    query: async (sql: string) => {
      if (sql !== WRITER_ROLE_SQL) throw world.gap(`the health check issued SQL the drill does not model: ${sql.slice(0, 80)}`);
      return writerRoleAnswer(world, region);
    },
  };
}

/** The region-fence function of `caller` answered one payload: its result and how long the invoke took. */
export interface RegionFenceInvocation {
  result: RegionFenceResult;
  seconds: number;
  /** ARC endpoints that did not answer during the invoke. */
  arcTimeouts: number;
}

/** The routing control ARN of each region (ROUTING_CONTROL_ARNS). */
export function routingControlArns(world: World): Record<string, string> {
  return Object.fromEntries(Object.keys(world.regions).map((r) => [r, world.names.routingControlArn(r)]));
}

/**
 * The region-fence function of `caller` (its real core, every action), invoked with `payload`: by the
 * state machine or by the per-minute EventBridge rule. The clients are the handler's: the peer's and
 * its own switches, RDS in its own region, and one ARC client per cluster endpoint in the configured
 * order. The invoke takes the warm-invoke figure, plus a connect timeout for each ARC endpoint that
 * did not answer, plus two timed-out attempts for each call into a peer that does not answer; the
 * fence's drain sleeps on the simulated clock (`sleep`, given by the state machine's task).
 */
export async function regionFence(world: World, caller: string, payload: unknown, sleep: (ms: number) => Promise<void> = noSleep(world)): Promise<RegionFenceInvocation> {
  const peer = world.peer(caller);
  const request = parseRegionFenceRequest(payload, { region: caller, peerRegion: peer });
  let arcTimeouts = 0;
  const arc = arcClients(world, caller).map((e) => ({
    ...e,
    client: {
      send: async (command: Command) => {
        try {
          return await e.client.send(command);
        } catch (error) {
          if ((error as { code?: string }).code === 'ETIMEDOUT') arcTimeouts++;
          throw error;
        }
      },
    },
  }));
  const p = sendersFor(world, caller, peer);
  const o = sendersFor(world, caller, caller);
  // Every call into the peer that does not answer costs the handler's two attempts of a 3 s connect timeout.
  let peerTimeouts = 0;
  const counted = (sender: Sender): Sender => ({
    send: async (command, options) => {
      try {
        return await sender.send(command, options);
      } catch (error) {
        if ((error as { code?: string }).code === 'ETIMEDOUT') peerTimeouts++;
        throw error;
      }
    },
  });
  const result = await runRegionFenceRequest(request, {
    peer: { ssm: counted(p.ssm) as never, apiGateway: counted(p.apigateway) as never, sqs: counted(p.sqs) as never },
    own: { ssm: o.ssm as never, apiGateway: o.apigateway as never, rds: o.rds as never },
    authority: { arc: arc as never, routingControlArns: routingControlArns(world) },
    // The drain polls on the simulated clock.
    timing: { now: () => EPOCH_MS + world.now * 1000, sleep },
  });
  const seconds = TIMING_MODEL.fenceInvoke.seconds + arcTimeouts * LIFECYCLE_TIMING.arcEndpointTimeout.seconds + peerTimeouts * LIFECYCLE_TIMING.peerCallTimeout.seconds;
  return { result, seconds, arcTimeouts };
}

/** Outside the state machine nothing sleeps on the simulated clock: a core that does is a gap in the drill. */
function noSleep(world: World): (ms: number) => Promise<void> {
  return async (ms) => {
    throw world.gap(`region-fence slept ${ms} ms outside a state machine task, which the drill does not model`);
  };
}

/** The sync payload of `region`'s EventBridge rule (constant input), as the regional stack sets it. */
export function syncPayload(world: World, region: string): Record<string, unknown> {
  const n = world.names;
  return {
    action: 'sync',
    region,
    servingParameter: n.servingParameter(region),
    restApiId: n.restApiId(region),
    stageName: n.stageName,
    globalClusterId: n.globalClusterId,
    clusterArn: n.clusterArn(region),
    // The watchdog: the state machine's execution timeout, the peer's flag and its lease.
    reclaim: {
      afterSeconds: executionTimeoutSeconds(world.figures),
      peerServingParameter: n.servingParameter(world.peer(region)),
      peerLeaseSeconds: DEFAULT_SERVING_LEASE_SECONDS,
    },
  };
}

/** The failover-validator of `region`. */
export async function validate(world: World, region: string): Promise<ReadinessReport> {
  const local = sendersFor(world, region, region);
  const peer = sendersFor(world, region, world.peer(region));
  const asClients = (s: typeof local): RegionClients => ({ region: s.region, rds: s.rds as never, cloudwatch: s.cloudwatch as never, dynamodb: s.dynamodb as never, lambda: s.lambda as never, ssm: s.ssm as never });
  const n = world.names;
  const f = world.figures;
  return validateReadiness({
    local: { ...asClients(local), s3: local.s3 as never },
    peer: asClients(peer),
    route53: route53For(world, region) as never,
    now: () => dateAt(world.now),
    settings: {
      globalClusterId: n.globalClusterId,
      sessionsTable: n.sessionsTable,
      configBucket: n.configBucket(region),
      auditBucket: n.auditBucket(region),
      tradeProcessorFunction: n.tradeProcessor,
      healthCheckIdsParameter: n.healthCheckIdsParameter,
      rpoLagThresholdSeconds: f.rpoLagThresholdSeconds,
      replicationLatencyThresholdMs: f.replicationLatencyThresholdMs,
    },
  });
}

/** Why each record of a batch failed, as the core logs it; and the orders it rejected as stale. */
class ReasonLog implements LogSink {
  readonly reasons = new Map<string, string>();
  readonly stale: { orderId: string; reason: string }[] = [];
  info(): void {}
  warn(_message: string, extra: Record<string, unknown>): void {
    if (extra.outcome === 'rejected-stale' && typeof extra.orderId === 'string') this.stale.push({ orderId: extra.orderId, reason: String(extra.reason) });
    else this.record(extra);
  }
  error(_message: string, extra: Record<string, unknown>): void {
    this.record(extra);
  }
  private record(extra: Record<string, unknown>): void {
    if (typeof extra.messageId === 'string' && typeof extra.reason === 'string') this.reasons.set(extra.messageId, extra.reason);
  }
}

/**
 * The trade processor's serving-flag reader in `region`, as its handler builds it at init: one per
 * execution environment (the drill models one per region, renewed when the region returns, a cold start).
 */
export function processorServingFlag(world: World, region: string): () => Promise<ServingFlagRead> {
  const r = world.regions[region]!;
  r.processorFlag ??= servingFlagReader(sendersFor(world, region, region).ssm as never, world.names.servingParameter(region), { now: () => EPOCH_MS + world.now * 1000 });
  return r.processorFlag;
}

/** One invocation of `region`'s trade processor with `messages`; returns the failed message ids and their reasons. */
export async function processBatch(world: World, region: string, messages: Message[]): Promise<Map<string, string>> {
  const own = sendersFor(world, region, region);
  const log = new ReasonLog();
  const pool = simulatedPool(world, region);
  const event: SQSEvent = {
    Records: messages.map((m) => ({
      messageId: m.messageId,
      receiptHandle: m.receiptHandle ?? `rh-${m.messageId}-${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(EPOCH_MS + Math.round(m.ackAt * 1000)),
        SenderId: 'AROAAPIGATEWAY',
        ApproximateFirstReceiveTimestamp: String(EPOCH_MS + Math.round(m.ackAt * 1000)),
      },
      messageAttributes: callerMessageAttributes(apiCaller(m.body)),
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:111122223333:${world.names.prefix}-trade-orders`,
      awsRegion: region,
    })),
  };
  const response = await processTradeBatch(event, {
    // The writer check the handler makes inside the batch transaction, answered by the simulated cluster.
    commit: (items) => commitOrders(pool, items, { checkWriter: () => writerRole(simulatedDb(world, region)) }),
    documents: own.dynamodb as unknown as DynamoDBDocumentClient,
    s3: own.s3 as never,
    // The refusal's ChangeMessageVisibilityBatch goes to the simulated queue.
    sqs: own.sqs as unknown as SQSClient,
    // The handler's reader of this region's serving flag, kept by its execution environment.
    servingFlag: processorServingFlag(world, region),
    settings: {
      sessionsTable: world.names.sessionsTable,
      auditBucket: world.names.auditBucket(region),
      sessionTtlSeconds: 86_400,
      // The scenario's max_order_age_seconds; the lease is what the function uses when SERVING_LEASE_SECONDS is unset.
      maxOrderAgeSeconds: world.maxOrderAgeSeconds,
      servingLeaseSeconds: DEFAULT_SERVING_LEASE_SECONDS,
    },
    now: () => EPOCH_MS + world.now * 1000,
    logger: log,
  });
  // A stale order is handled (deleted from the queue) and kept as a rejection record.
  for (const s of log.stale) world.stepOrders.push({ kind: 'rejected', at: world.now, orderId: s.orderId, region, reason: s.reason, stale: true });
  const failed = new Map<string, string>();
  for (const f of response.batchItemFailures) failed.set(f.itemIdentifier, log.reasons.get(f.itemIdentifier) ?? 'failed without a logged reason');
  return failed;
}

/**
 * One run of the canary in the secondary, probing the primary from two vantage points: its own GET of
 * the primary's /health, and Route 53's view through the DNS data plane (the TXT failover records);
 * the primary's routing control from ARC. Returns the core's verdict and the PrimaryHealthy datapoint (if any).
 */
export async function probe(world: World, port: number): Promise<{ result: ProbeResult; datapoint: number | undefined }> {
  const { primary, secondary } = world.figures.regions;
  const url = `https://${world.names.restApiId(primary)}.execute-api.${primary}.amazonaws.com/${world.names.stageName}/health`;
  const fetch = (async () => {
    if (!world.callable(secondary, primary)) throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const answer = await health(world, primary, port);
    return { status: answer.status, text: async () => answer.body };
  }) as unknown as typeof globalThis.fetch;
  const result = await probePrimary({
    fetch,
    resolveTxt: resolveTxtFor(world, secondary),
    arc: arcClients(world, secondary) as never,
    now: () => EPOCH_MS + world.now * 1000,
    settings: {
      url,
      timeoutMs: world.figures.primaryProbeTimeoutMs,
      route53ViewName: world.names.route53ViewName,
      primaryRoutingControlArn: world.names.routingControlArn(primary),
    },
  });
  let datapoint: number | undefined;
  recordProbe(result, {
    addMetric: (name, _unit, value) => {
      if (name === 'PrimaryHealthy') datapoint = value;
    },
  });
  return { result, datapoint };
}

/**
 * The failover preflight: the primary-probe in `region` ({"action": "assess"}) judges the other region
 * from its own GET of that region's /health and Route 53's view of it (the view TXT records).
 */
export async function assess(world: World, region: string, port: number): Promise<PeerAssessment> {
  const peer = world.peer(region);
  const url = `https://${world.names.restApiId(peer)}.execute-api.${peer}.amazonaws.com/${world.names.stageName}/health`;
  const fetch = (async () => {
    if (!world.callable(region, peer)) throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const answer = await health(world, peer, port);
    return { status: answer.status, text: async () => answer.body };
  }) as unknown as typeof globalThis.fetch;
  return assessPeer({
    fetch,
    resolveTxt: resolveTxtFor(world, region),
    now: () => EPOCH_MS + world.now * 1000,
    settings: { url, timeoutMs: world.figures.primaryProbeTimeoutMs, route53ViewName: world.names.viewName(peer, world.primary), primaryRoutingControlArn: world.names.routingControlArn(peer) },
  });
}

export { unreachable };

/** The caller API Gateway queues with an order: each simulated client holds the certificate of its userId. */
function apiCaller(body: string): { subjectDN: string; issuerDN: string } {
  let userId = 'unknown';
  try {
    const u = (JSON.parse(body) as { userId?: unknown }).userId;
    if (typeof u === 'string') userId = u;
  } catch {
    // A malformed body is refused for its own reason.
  }
  return { subjectDN: `CN=${userId},O=Example Trading`, issuerDN: 'CN=Trading API client CA,O=Example Trading' };
}
