// Failover readiness: every check reads live state from AWS in this region and in the peer region,
// nothing is assumed or hard-coded. A region that does not answer fails the checks that need it,
// with a detail naming the region and the call; it never aborts the report.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { ListEventSourceMappingsCommand, type EventSourceMappingConfiguration, type LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeGlobalClustersCommand, type RDSClient } from '@aws-sdk/client-rds';
import { GetHealthCheckStatusCommand, type Route53Client } from '@aws-sdk/client-route-53';
import { GetBucketReplicationCommand, type ReplicationRule, type S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { describeError } from '../shared/aws.ts';
import type { MetricSink } from '../shared/metrics.ts';
import { latest, readMetrics, sum } from './cloudwatch.ts';

export interface RegionClients {
  region: string;
  rds: RDSClient;
  cloudwatch: CloudWatchClient;
  dynamodb: DynamoDBClient;
  lambda: LambdaClient;
  ssm: SSMClient;
}

export interface ValidatorSettings {
  globalClusterId: string;
  sessionsTable: string;
  configBucket: string;
  auditBucket: string;
  tradeProcessorFunction: string;
  healthCheckIdsParameter: string;
  rpoLagThresholdSeconds: number;
  replicationLatencyThresholdMs: number;
}

export interface ValidatorDeps {
  local: RegionClients & { s3: S3Client };
  peer: RegionClients;
  route53: Route53Client;
  settings: ValidatorSettings;
  metrics?: MetricSink;
  now?: () => Date;
}

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
  [measurement: string]: unknown;
}

export interface ReadinessReport {
  ready: boolean;
  region: string;
  checkedAt: string;
  checks: ReadinessCheck[];
}

/** Lags are judged on the newest datapoint of this window. */
export const LAG_WINDOW_MINUTES = 10;
/** Failed S3 replication operations are summed over this window (the validator runs hourly). */
export const S3_FAILURE_WINDOW_MINUTES = 60;
/** Route 53 deems an endpoint healthy when more than 18% of its checkers do. */
export const ROUTE53_HEALTHY_FRACTION = 0.18;

/**
 * Processing counts as on in these mapping states (Enabling will be on in seconds). Transitional
 * states (Creating, Updating, Disabling) count as off and are named in the detail.
 */
const ESM_ON_STATES = new Set(['Enabled', 'Enabling']);

/** Region label for global services (Route 53). */
const GLOBAL = 'global';

/** An AWS call failed; the message names the call and the region. */
class CallError extends Error {
  override name = 'CallError';
}

async function call<T>(region: string, api: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const where = region === GLOBAL ? '' : ` in ${region}`;
    throw new CallError(`${api}${where} failed (${unreachable(error) ? `${region === GLOBAL ? 'service' : 'region'} did not answer: ` : ''}${describeError(error)})`);
  }
}

function unreachable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string };
  return (
    ['TimeoutError', 'RequestTimeout', 'AbortError'].includes(e.name ?? '') ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.code ?? '') ||
    /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up/.test(e.message ?? '')
  );
}

function failed(name: string, error: unknown): ReadinessCheck {
  return { name, ok: false, detail: error instanceof CallError ? error.message : describeError(error) };
}

/** Tries this region first, then the peer: either region can describe a global resource. */
async function fromEitherRegion<T>(deps: ValidatorDeps, api: string, run: (c: RegionClients) => Promise<T>): Promise<{ value: T; region: string }> {
  const errors: string[] = [];
  for (const clients of [deps.local, deps.peer]) {
    try {
      return { value: await call(clients.region, api, () => run(clients)), region: clients.region };
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  throw new CallError(errors.join('; '));
}

// ---- global cluster ---------------------------------------------------------------------------

interface Member {
  arn: string;
  region: string;
  clusterId: string;
  isWriter: boolean;
  synchronizationStatus?: string;
}

interface Topology {
  status: string;
  engine: string;
  engineVersion: string;
  members: Member[];
  writer?: Member;
  describedIn: string;
}

function parseClusterArn(arn: string): { region: string; clusterId: string } | undefined {
  const m = /^arn:aws[a-z-]*:rds:([a-z0-9-]+):\d{12}:cluster:(.+)$/.exec(arn);
  return m ? { region: m[1]!, clusterId: m[2]! } : undefined;
}

async function describeTopology(deps: ValidatorDeps): Promise<Topology> {
  const { value, region } = await fromEitherRegion(deps, 'rds:DescribeGlobalClusters', (c) =>
    c.rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: deps.settings.globalClusterId })),
  );
  const global = value.GlobalClusters?.[0];
  if (!global) throw new CallError(`global cluster ${deps.settings.globalClusterId} not found (asked in ${region})`);
  const members: Member[] = [];
  for (const m of global.GlobalClusterMembers ?? []) {
    const parsed = m.DBClusterArn ? parseClusterArn(m.DBClusterArn) : undefined;
    if (!parsed) throw new CallError(`global cluster member with an unreadable ARN: ${m.DBClusterArn ?? '(none)'}`);
    members.push({ arn: m.DBClusterArn!, ...parsed, isWriter: m.IsWriter === true, synchronizationStatus: m.SynchronizationStatus });
  }
  return {
    status: global.Status ?? 'unknown',
    engine: global.Engine ?? 'unknown',
    engineVersion: global.EngineVersion ?? 'unknown',
    members,
    writer: members.find((m) => m.isWriter),
    describedIn: region,
  };
}

function globalClusterCheck(deps: ValidatorDeps, topology: Topology): ReadinessCheck {
  const problems: string[] = [];
  const writers = topology.members.filter((m) => m.isWriter);
  if (topology.status !== 'available') problems.push(`status is ${topology.status}`);
  if (writers.length !== 1) problems.push(`${writers.length} writer members (expected 1)`);
  for (const region of [deps.local.region, deps.peer.region]) {
    if (!topology.members.some((m) => m.region === region)) problems.push(`no member cluster in ${region}`);
  }
  const strangers = topology.members.filter((m) => m.region !== deps.local.region && m.region !== deps.peer.region);
  if (strangers.length > 0) problems.push(`unexpected member(s) in ${strangers.map((m) => m.region).join(', ')}`);
  for (const m of topology.members.filter((x) => !x.isWriter)) {
    // SynchronizationStatus is reported for secondaries; "pending-resync" cannot take a switchover.
    if (m.synchronizationStatus && m.synchronizationStatus !== 'connected') problems.push(`${m.clusterId} (${m.region}) is ${m.synchronizationStatus}`);
  }
  const layout = topology.members.map((m) => `${m.region}:${m.clusterId}${m.isWriter ? ' (writer)' : ''}`).join(', ');
  return {
    name: 'global-cluster',
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${deps.settings.globalClusterId} available; members ${layout}` : `${problems.join('; ')}; members ${layout || 'none'}`,
    writerRegion: topology.writer?.region ?? null,
  };
}

function clientsFor(deps: ValidatorDeps, region: string): RegionClients | undefined {
  return region === deps.local.region ? deps.local : region === deps.peer.region ? deps.peer : undefined;
}

async function engineVersionsCheck(deps: ValidatorDeps, topology: Topology): Promise<ReadinessCheck> {
  const name = 'engine-versions';
  const results = await Promise.all(
    topology.members.map(async (m) => {
      const clients = clientsFor(deps, m.region);
      if (!clients) return `${m.clusterId}: in ${m.region}, which this validator has no clients for`;
      try {
        const out = await call(m.region, 'rds:DescribeDBClusters', () => clients.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: m.arn })));
        const cluster = out.DBClusters?.[0];
        if (!cluster) return `${m.clusterId} (${m.region}): not found`;
        const issues: string[] = [];
        if (cluster.EngineVersion !== topology.engineVersion) issues.push(`engine ${cluster.EngineVersion} differs from the global ${topology.engineVersion}`);
        if (cluster.Status !== 'available') issues.push(`status ${cluster.Status}`);
        return issues.length ? `${m.clusterId} (${m.region}): ${issues.join(', ')}` : undefined;
      } catch (error) {
        return (error as Error).message;
      }
    }),
  );
  const problems = results.filter((r): r is string => r !== undefined);
  if (topology.members.length === 0) problems.push('the global cluster has no members');
  return {
    name,
    ok: problems.length === 0,
    detail: problems.length === 0 ? `all ${topology.members.length} members run ${topology.engine} ${topology.engineVersion} and are available` : problems.join('; '),
    engineVersion: topology.engineVersion,
  };
}

async function rpoLagCheck(deps: ValidatorDeps, topology: Topology, now: Date): Promise<ReadinessCheck> {
  const name = 'rpo-lag';
  const thresholdMs = deps.settings.rpoLagThresholdSeconds * 1000;
  const secondaries = topology.members.filter((m) => !m.isWriter);
  if (secondaries.length === 0) return { name, ok: false, detail: 'no secondary cluster to measure', thresholdMs };
  const start = new Date(now.getTime() - LAG_WINDOW_MINUTES * 60_000);
  const problems: string[] = [];
  const facts: string[] = [];
  let worst: number | undefined;
  for (const s of secondaries) {
    // AuroraGlobalDBRPOLag and AuroraGlobalDBReplicationLag are published in the secondary's region.
    const clients = clientsFor(deps, s.region);
    if (!clients) {
      problems.push(`secondary ${s.clusterId} is in ${s.region}, which this validator has no clients for`);
      continue;
    }
    try {
      const dims = { DBClusterIdentifier: s.clusterId };
      const series = await call(s.region, 'cloudwatch:GetMetricData', () =>
        readMetrics(
          clients.cloudwatch,
          [
            { id: 'rpo', namespace: 'AWS/RDS', metric: 'AuroraGlobalDBRPOLag', dimensions: dims, stat: 'Maximum', periodSeconds: 60 },
            { id: 'replication', namespace: 'AWS/RDS', metric: 'AuroraGlobalDBReplicationLag', dimensions: dims, stat: 'Maximum', periodSeconds: 60 },
          ],
          start,
          now,
        ),
      );
      const rpo = latest(series.get('rpo'));
      const replication = latest(series.get('replication'));
      if (replication) deps.metrics?.addMetric('GlobalDbReplicationLagMs', 'Milliseconds', replication.value);
      if (!rpo) {
        problems.push(`no AuroraGlobalDBRPOLag datapoints for ${s.clusterId} in ${s.region} in the last ${LAG_WINDOW_MINUTES} min (is the secondary replicating?)`);
        continue;
      }
      deps.metrics?.addMetric('RpoLagMs', 'Milliseconds', rpo.value);
      worst = Math.max(worst ?? 0, rpo.value);
      const fact = `${s.clusterId} (${s.region}) RPO lag ${rpo.value} ms${replication ? `, replication lag ${replication.value} ms` : ''}`;
      if (rpo.value > thresholdMs) problems.push(`${fact} exceeds ${thresholdMs} ms`);
      else facts.push(fact);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return {
    name,
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${facts.join('; ')} (threshold ${thresholdMs} ms)` : problems.join('; '),
    rpoLagMs: worst ?? null,
    thresholdMs,
  };
}

// ---- DynamoDB ---------------------------------------------------------------------------------

async function dynamoReplicasCheck(deps: ValidatorDeps): Promise<ReadinessCheck> {
  const name = 'dynamodb-replicas';
  const table = deps.settings.sessionsTable;
  try {
    const { value, region } = await fromEitherRegion(deps, 'dynamodb:DescribeTable', (c) => c.dynamodb.send(new DescribeTableCommand({ TableName: table })));
    const description: TableDescription = value.Table ?? {};
    const problems: string[] = [];
    if (description.TableStatus !== 'ACTIVE') problems.push(`${table} in ${region} is ${description.TableStatus ?? 'unknown'}`);
    const replicas = description.Replicas ?? [];
    for (const r of [deps.local.region, deps.peer.region]) {
      if (r === region) {
        // The table's own region may or may not be listed among its replicas; its status is the table's.
        const self = replicas.find((x) => x.RegionName === r);
        if (self && self.ReplicaStatus !== 'ACTIVE') problems.push(`replica in ${r} is ${self.ReplicaStatus}`);
        continue;
      }
      const replica = replicas.find((x) => x.RegionName === r);
      if (!replica) problems.push(`no replica in ${r}`);
      else if (replica.ReplicaStatus !== 'ACTIVE') problems.push(`replica in ${r} is ${replica.ReplicaStatus}`);
    }
    const listed = replicas.map((x) => `${x.RegionName}:${x.ReplicaStatus}`).join(', ') || 'none';
    return { name, ok: problems.length === 0, detail: problems.length === 0 ? `${table} ACTIVE; replicas ${listed}` : `${problems.join('; ')} (replicas ${listed})` };
  } catch (error) {
    return failed(name, error);
  }
}

async function dynamoLatencyCheck(deps: ValidatorDeps, now: Date): Promise<ReadinessCheck> {
  const name = 'dynamodb-replication-latency';
  const thresholdMs = deps.settings.replicationLatencyThresholdMs;
  const start = new Date(now.getTime() - LAG_WINDOW_MINUTES * 60_000);
  // ReplicationLatency is published in the sending region, per receiving region: one query each way.
  const directions = [
    { from: deps.local, to: deps.peer.region },
    { from: deps.peer, to: deps.local.region },
  ];
  const results = await Promise.all(
    directions.map(async ({ from, to }) => {
      try {
        const series = await call(from.region, 'cloudwatch:GetMetricData', () =>
          readMetrics(
            from.cloudwatch,
            [
              {
                id: 'latency',
                namespace: 'AWS/DynamoDB',
                metric: 'ReplicationLatency',
                dimensions: { TableName: deps.settings.sessionsTable, ReceivingRegion: to },
                stat: 'Average',
                periodSeconds: 60,
              },
            ],
            start,
            now,
          ),
        );
        const point = latest(series.get('latency'));
        if (!point) return { ok: true, text: `${from.region}->${to}: no replicated writes in the last ${LAG_WINDOW_MINUTES} min` };
        deps.metrics?.addMetric('SessionsReplicationLatencyMs', 'Milliseconds', point.value);
        const text = `${from.region}->${to}: ${Math.round(point.value)} ms`;
        return point.value > thresholdMs ? { ok: false, text: `${text} exceeds ${thresholdMs} ms`, value: point.value } : { ok: true, text, value: point.value };
      } catch (error) {
        return { ok: false, text: (error as Error).message };
      }
    }),
  );
  const values = results.flatMap((r) => ('value' in r && typeof r.value === 'number' ? [r.value] : []));
  return {
    name,
    ok: results.every((r) => r.ok),
    detail: results.map((r) => r.text).join('; '),
    latencyMs: values.length ? Math.max(...values) : null,
    thresholdMs,
  };
}

// ---- S3 ---------------------------------------------------------------------------------------

function bucketNameFromArn(arn: string | undefined): string | undefined {
  return arn?.startsWith('arn:') ? arn.split(':::')[1] : arn;
}

async function s3Checks(deps: ValidatorDeps, now: Date): Promise<ReadinessCheck[]> {
  const buckets = [deps.settings.configBucket, deps.settings.auditBucket];
  const configs = await Promise.all(
    buckets.map(async (bucket) => {
      try {
        const out = await call(deps.local.region, `s3:GetBucketReplication(${bucket})`, () =>
          deps.local.s3.send(new GetBucketReplicationCommand({ Bucket: bucket })),
        );
        return { bucket, rules: out.ReplicationConfiguration?.Rules ?? [] };
      } catch (error) {
        const missing = /ReplicationConfigurationNotFound/.test((error as Error).message);
        return { bucket, error: missing ? `${bucket} has no replication configuration` : (error as Error).message };
      }
    }),
  );

  const configProblems: string[] = [];
  const facts: string[] = [];
  const measured: { bucket: string; rule: ReplicationRule; destination: string }[] = [];
  for (const c of configs) {
    if ('error' in c) {
      configProblems.push(c.error!);
      continue;
    }
    const enabled = c.rules!.filter((r) => r.Status === 'Enabled');
    if (enabled.length === 0) configProblems.push(`${c.bucket} has no enabled replication rule`);
    for (const rule of enabled) {
      const destination = bucketNameFromArn(rule.Destination?.Bucket);
      const label = `${c.bucket} rule ${rule.ID ?? '(no id)'}`;
      if (!destination || destination === c.bucket) {
        configProblems.push(`${label} has no other bucket as destination`);
        continue;
      }
      // Replication Time Control and its metrics are what make the 15-minute objective and the
      // failed-operation metric exist at all.
      if (rule.Destination?.ReplicationTime?.Status !== 'Enabled') configProblems.push(`${label} lacks Replication Time Control`);
      if (rule.Destination?.Metrics?.Status !== 'Enabled') configProblems.push(`${label} lacks replication metrics`);
      measured.push({ bucket: c.bucket, rule, destination });
      facts.push(`${c.bucket} -> ${destination}`);
    }
  }
  const replication: ReadinessCheck = {
    name: 's3-replication',
    ok: configProblems.length === 0,
    detail: configProblems.length === 0 ? `enabled with RTC and metrics: ${facts.join(', ')}` : configProblems.join('; '),
  };

  const name = 's3-failed-replication';
  let failures: ReadinessCheck;
  if (measured.length === 0) {
    failures = { name, ok: false, detail: 'no replication rule to measure (see s3-replication)' };
  } else {
    try {
      const start = new Date(now.getTime() - S3_FAILURE_WINDOW_MINUTES * 60_000);
      const series = await call(deps.local.region, 'cloudwatch:GetMetricData', () =>
        readMetrics(
          deps.local.cloudwatch,
          measured.map((m, i) => ({
            id: `failed${i}`,
            namespace: 'AWS/S3',
            metric: 'OperationsFailedReplication',
            dimensions: { SourceBucket: m.bucket, DestinationBucket: m.destination, RuleId: m.rule.ID ?? '' },
            stat: 'Sum' as const,
            periodSeconds: 300,
          })),
          start,
          now,
        ),
      );
      const counts = measured.map((m, i) => ({ label: `${m.bucket} -> ${m.destination}`, failed: sum(series.get(`failed${i}`)) }));
      const total = counts.reduce((a, c) => a + c.failed, 0);
      deps.metrics?.addMetric('S3FailedReplicationOperations', 'Count', total);
      const bad = counts.filter((c) => c.failed > 0);
      failures = {
        name,
        ok: total === 0,
        detail:
          total === 0
            ? `no failed replication operations in the last ${S3_FAILURE_WINDOW_MINUTES} min`
            : `${bad.map((c) => `${c.label}: ${c.failed} failed`).join('; ')} in the last ${S3_FAILURE_WINDOW_MINUTES} min`,
        failedOperations: total,
      };
    } catch (error) {
      failures = failed(name, error);
    }
  }
  return [replication, failures];
}

// ---- Route 53 ---------------------------------------------------------------------------------

async function route53Check(deps: ValidatorDeps, topology: Topology | undefined): Promise<ReadinessCheck> {
  const name = 'route53-health-checks';
  try {
    const { value } = await fromEitherRegion(deps, `ssm:GetParameter(${deps.settings.healthCheckIdsParameter})`, (c) =>
      c.ssm.send(new GetParameterCommand({ Name: deps.settings.healthCheckIdsParameter })),
    );
    let ids: Record<string, unknown>;
    try {
      ids = JSON.parse(value.Parameter?.Value ?? '');
      if (ids === null || typeof ids !== 'object' || Array.isArray(ids)) throw new Error('not an object');
    } catch {
      return { name, ok: false, detail: `${deps.settings.healthCheckIdsParameter} is not a JSON object {"<region>": "<health check id>"}` };
    }
    const results = await Promise.all(
      [deps.local.region, deps.peer.region].map(async (region): Promise<{ region: string; healthy?: boolean; text: string }> => {
        const id = ids[region];
        if (typeof id !== 'string' || id === '') return { region, text: `${deps.settings.healthCheckIdsParameter} has no health check id for ${region}` };
        try {
          const out = await call(GLOBAL, `route53:GetHealthCheckStatus(${id})`, () => deps.route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })));
          const observations = out.HealthCheckObservations ?? [];
          const ok = observations.filter((o) => o.StatusReport?.Status?.startsWith('Success')).length;
          const healthy = observations.length > 0 && ok / observations.length > ROUTE53_HEALTHY_FRACTION;
          return { region, healthy, text: `${region} ${healthy ? 'healthy' : 'unhealthy'} (${ok}/${observations.length} checkers)` };
        } catch (error) {
          return { region, text: (error as Error).message };
        }
      }),
    );
    const problems = results.filter((r) => r.healthy === undefined).map((r) => r.text);
    const states = results.filter((r) => r.healthy !== undefined).map((r) => r.text);
    const healthy = new Map(results.filter((r) => r.healthy !== undefined).map((r) => [r.region, r.healthy!]));
    // The region that holds the writer must be healthy, or traffic has nowhere to go. The other region
    // normally reports unhealthy: its serving flag is false until a failover activates it.
    const writer = topology?.writer?.region;
    if (!writer) problems.push('the writer region is unknown (see global-cluster), so the health check that must pass is unknown');
    else if (healthy.get(writer) === false) problems.push(`the writer region ${writer} is unhealthy in Route 53`);
    return {
      name,
      ok: problems.length === 0,
      detail: [...problems, ...states].join('; '),
      healthyRegions: [...healthy].filter(([, h]) => h).map(([r]) => r).sort(),
    };
  } catch (error) {
    return failed(name, error);
  }
}

// ---- trade processing ---------------------------------------------------------------------------

async function listMappings(clients: RegionClients, functionName: string): Promise<EventSourceMappingConfiguration[]> {
  const mappings: EventSourceMappingConfiguration[] = [];
  let marker: string | undefined;
  do {
    const out = await clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName, Marker: marker }));
    mappings.push(...(out.EventSourceMappings ?? []));
    marker = out.NextMarker;
  } while (marker);
  return mappings;
}

async function tradeProcessingCheck(deps: ValidatorDeps, topology: Topology | undefined): Promise<ReadinessCheck> {
  const name = 'trade-processing';
  const fn = deps.settings.tradeProcessorFunction;
  const regions = await Promise.all(
    [deps.local, deps.peer].map(async (clients) => {
      try {
        const mappings = await call(clients.region, `lambda:ListEventSourceMappings(${fn})`, () => listMappings(clients, fn));
        const states = mappings.map((m) => m.State ?? 'unknown');
        return { region: clients.region, on: states.some((s) => ESM_ON_STATES.has(s)), text: `${clients.region}: ${states.length ? states.join(', ') : 'no event source mapping'}` };
      } catch (error) {
        return { region: clients.region, error: (error as Error).message };
      }
    }),
  );
  const errors = regions.flatMap((r) => ('error' in r ? [r.error!] : []));
  const on = regions.filter((r) => 'on' in r && r.on).map((r) => r.region);
  const text = regions.flatMap((r) => ('text' in r ? [r.text!] : [])).join('; ');
  const problems: string[] = [];
  if (errors.length > 0) problems.push(`cannot confirm that exactly one region processes trades: ${errors.join('; ')}`);
  else if (on.length !== 1) problems.push(`${on.length} regions process trades (expected exactly 1)`);
  const writer = topology?.writer?.region;
  if (errors.length === 0 && on.length === 1 && writer && on[0] !== writer) problems.push(`trades are processed in ${on[0]} but the writer cluster is in ${writer}`);
  return { name, ok: problems.length === 0, detail: [...problems, text].filter(Boolean).join('; '), processingRegions: on };
}

// ---- report -----------------------------------------------------------------------------------

export async function validateReadiness(deps: ValidatorDeps): Promise<ReadinessReport> {
  const now = (deps.now ?? (() => new Date()))();
  let topology: Topology | undefined;
  let topologyError: unknown;
  try {
    topology = await describeTopology(deps);
  } catch (error) {
    topologyError = error;
  }
  const clusterChecks: Promise<ReadinessCheck[]> = topology
    ? Promise.all([globalClusterCheck(deps, topology), engineVersionsCheck(deps, topology), rpoLagCheck(deps, topology, now)])
    : Promise.resolve(
        ['global-cluster', 'engine-versions', 'rpo-lag'].map((name) =>
          name === 'global-cluster' ? failed(name, topologyError) : { name, ok: false, detail: 'global cluster could not be described (see global-cluster)' },
        ),
      );
  const groups = await Promise.all([
    clusterChecks,
    dynamoReplicasCheck(deps).then((c) => [c]),
    dynamoLatencyCheck(deps, now).then((c) => [c]),
    s3Checks(deps, now),
    route53Check(deps, topology).then((c) => [c]),
    tradeProcessingCheck(deps, topology).then((c) => [c]),
  ]);
  const checks = groups.flat();
  const ready = checks.every((c) => c.ok);
  deps.metrics?.addMetric('FailoverReady', 'Count', ready ? 1 : 0);
  return { ready, region: deps.local.region, checkedAt: now.toISOString(), checks };
}
