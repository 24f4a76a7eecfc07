// make status: what an operator needs before and during a recovery, read from whichever region answers.
// Every call goes to one named region, each region is tried on its own, and a call that fails becomes
// an error in the report (a region where every call failed is "unreachable"), never an exception.
//
// Where the authority's configuration comes from: the routing control ARNs and the ARC cluster
// endpoints are read from the environment of `<name_prefix>-region-fence` in each region (Lambda
// GetFunctionConfiguration: ARC_CLUSTER_ENDPOINTS, ROUTING_CONTROL_ARNS), not from SSM. They are the
// values region-fence itself uses to read and move the authority, so status reads the authority
// exactly as the fence does; Terraform writes them to both regions' functions; and no SSM parameter
// holds them, so an SSM copy would need a Terraform change and could drift from what the fence uses.
// The routing control states then come from the cluster's data plane (GetRoutingControlState), whose
// endpoints are outside our regions, tried in turn as functions/shared/arc.ts does.
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import * as z from 'zod';
import { arcClusterEndpoints, readRoutingControl, routingControlArn, type ArcEndpoint, type RoutingControlState } from '../../functions/shared/arc.ts';
import { describeError } from '../../functions/shared/aws.ts';
import { json } from '../../functions/shared/env.ts';
import { DEFAULT_SERVING_LEASE_SECONDS, flagVerdict, servingFlagRead } from '../../functions/shared/serving-flag.ts';
import type { RunbookClients } from './clients.ts';
import { globalClusterId, regionResources, regionsOf, type RunbookEnvironment } from './environment.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The newest datapoint of a metric in the window, or null when there is none. */
export interface Datapoint {
  value: number;
  at: string;
}

export interface RegionStatus {
  region: string;
  /** False when every call to the region failed. */
  reachable: boolean;
  account: Result<string>;
  servingFlag: Result<{ value: string | null; lastModified: string | null; active: boolean; detail: string }>;
  /** AuroraGlobalDBReplicationLag and AuroraGlobalDBRPOLag of this region's cluster, published while it is a secondary. */
  lag: Result<{ clusterIdentifier: string; replicationLagMs: Datapoint | null; rpoLagMs: Datapoint | null }>;
  runningExecutions: Result<{ name: string; executionArn: string; startDate: string | null }[]>;
  /** The orders queue, its dead-letter queue, and the approval queue (requests waiting for an approver). */
  queues: Result<{ orders: QueueDepth; deadLetter: QueueDepth; approvals: QueueDepth }>;
}

export interface QueueDepth {
  /** ApproximateNumberOfMessages: waiting to be received. */
  visible: number;
  /** ApproximateNumberOfMessagesNotVisible: received, not yet deleted. */
  inFlight: number;
}

export interface AuthorityStatus {
  states: Record<string, RoutingControlState>;
  /** The one region whose routing control is On, or null when the states are not exactly one On. */
  active: string | null;
  /** The cluster endpoint that answered. */
  endpoint: string;
  /** The region whose region-fence configuration named the routing controls and endpoints. */
  configFrom: string;
}

export interface WriterStatus {
  /** The region of the writer member, or null when the global cluster names none. */
  region: string | null;
  clusterArn: string | null;
  globalClusterStatus: string | null;
  /** A switchover or failover in progress (FailoverState.Status), else null. */
  operation: string | null;
  from: string;
}

export interface StatusReport {
  env: string;
  at: string;
  authority: Result<AuthorityStatus>;
  writer: Result<WriterStatus>;
  regions: RegionStatus[];
  /** Disagreements an operator must see first (authority vs writer, no region answering...). */
  warnings: string[];
}

/** How far back the lag metrics are read (they are published every minute while replicating). */
export const LAG_WINDOW_MINUTES = 10;

async function attempt<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

const routingControlArns = json(
  z.record(z.string(), routingControlArn(), 'must be a JSON object of region -> routing control ARN'),
  '{"<region>":"arn:aws:route53-recovery-control::...", ...}',
);

export interface FenceConfig {
  endpoints: ArcEndpoint[];
  routingControlArns: Record<string, string>;
}

/** ARC_CLUSTER_ENDPOINTS and ROUTING_CONTROL_ARNS of a region-fence function's environment. */
export function fenceConfig(variables: Record<string, string> | undefined, env: RunbookEnvironment): FenceConfig {
  const endpoints = arcClusterEndpoints().safeParse(variables?.ARC_CLUSTER_ENDPOINTS);
  if (!endpoints.success) throw new Error(`ARC_CLUSTER_ENDPOINTS ${endpoints.error.issues[0]?.message ?? 'is invalid'}`);
  const arns = routingControlArns.safeParse(variables?.ROUTING_CONTROL_ARNS);
  if (!arns.success) throw new Error(`ROUTING_CONTROL_ARNS ${arns.error.issues[0]?.message ?? 'is invalid'}`);
  const missing = regionsOf(env).filter((r) => !arns.data[r]);
  if (missing.length) throw new Error(`ROUTING_CONTROL_ARNS names no routing control for ${missing.join(', ')}`);
  return { endpoints: endpoints.data, routingControlArns: arns.data };
}

function newest(values: number[] | undefined, timestamps: Date[] | undefined): Datapoint | null {
  let best = -1;
  (values ?? []).forEach((_, i) => {
    if (best === -1 || (timestamps?.[i]?.getTime() ?? 0) > (timestamps?.[best]?.getTime() ?? 0)) best = i;
  });
  if (best === -1) return null;
  const at = timestamps?.[best];
  return { value: values![best]!, at: at instanceof Date ? at.toISOString() : '' };
}

async function readLag(cloudwatch: Pick<CloudWatchClient, 'send'>, clusterIdentifier: string, now: Date) {
  const metric = (id: string, name: string) => ({
    Id: id,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: 'AWS/RDS', MetricName: name, Dimensions: [{ Name: 'DBClusterIdentifier', Value: clusterIdentifier }] },
      Period: 60,
      Stat: 'Maximum',
    },
  });
  const out = await cloudwatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: [metric('replication', 'AuroraGlobalDBReplicationLag'), metric('rpo', 'AuroraGlobalDBRPOLag')],
      StartTime: new Date(now.getTime() - LAG_WINDOW_MINUTES * 60_000),
      EndTime: now,
      ScanBy: 'TimestampDescending',
    }),
  );
  const byId = new Map((out.MetricDataResults ?? []).map((r) => [r.Id, r]));
  return {
    clusterIdentifier,
    replicationLagMs: newest(byId.get('replication')?.Values, byId.get('replication')?.Timestamps),
    rpoLagMs: newest(byId.get('rpo')?.Values, byId.get('rpo')?.Timestamps),
  };
}

interface RegionProbe {
  status: RegionStatus;
  fence: Result<FenceConfig>;
  writer: Result<Omit<WriterStatus, 'from'>>;
}

async function probeRegion(env: RunbookEnvironment, region: string, clients: RunbookClients, now: Date): Promise<RegionProbe> {
  // The names use the environment's account_id; STS says whether the credentials reach that account.
  const names = regionResources(env, region, env.accountId);
  const queueDepth = async (url: string): Promise<QueueDepth> => {
    const out = await clients.sqs(region).send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { visible: Number(out.Attributes?.ApproximateNumberOfMessages ?? NaN), inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? NaN) };
  };
  const [account, servingFlag, lag, runningExecutions, queues, fence, writer] = await Promise.all([
    attempt(async () => (await clients.sts(region).send(new GetCallerIdentityCommand({}))).Account ?? ''),
    attempt(async () => {
      const read = servingFlagRead(await clients.ssm(region).send(new GetParameterCommand({ Name: names.servingParameter })));
      const verdict = flagVerdict(read, DEFAULT_SERVING_LEASE_SECONDS, now.getTime());
      return {
        value: read.value ?? null,
        lastModified: read.lastModifiedMs === undefined ? null : new Date(read.lastModifiedMs).toISOString(),
        active: verdict.active,
        detail: verdict.active ? `active: written ${Math.round(verdict.ageSeconds)} s ago, within the ${DEFAULT_SERVING_LEASE_SECONDS} s lease` : `not active: ${verdict.detail}`,
      };
    }),
    attempt(() => readLag(clients.cloudwatch(region), names.clusterIdentifier, now)),
    attempt(async () => {
      const found: { name: string; executionArn: string; startDate: string | null }[] = [];
      let nextToken: string | undefined;
      do {
        const out = await clients.sfn(region).send(new ListExecutionsCommand({ stateMachineArn: names.stateMachineArn, statusFilter: 'RUNNING', nextToken }));
        for (const e of out.executions ?? []) found.push({ name: e.name ?? '', executionArn: e.executionArn ?? '', startDate: e.startDate instanceof Date ? e.startDate.toISOString() : null });
        nextToken = out.nextToken;
      } while (nextToken);
      return found;
    }),
    attempt(async () => ({ orders: await queueDepth(names.ordersQueueUrl), deadLetter: await queueDepth(names.deadLetterQueueUrl), approvals: await queueDepth(names.approvalQueueUrl) })),
    attempt(async () => {
      const out = await clients.lambda(region).send(new GetFunctionConfigurationCommand({ FunctionName: names.regionFenceFunction }));
      return fenceConfig(out.Environment?.Variables, env);
    }),
    attempt(async () => {
      const id = globalClusterId(env);
      const out = await clients.rds(region).send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: id }));
      const cluster = out.GlobalClusters?.[0];
      if (!cluster) throw new Error(`RDS in ${region} returned no global cluster ${id}`);
      const writerMember = (cluster.GlobalClusterMembers ?? []).find((m) => m.IsWriter);
      const arn = writerMember?.DBClusterArn ?? null;
      return {
        region: arn ? (arn.split(':')[3] ?? null) : null,
        clusterArn: arn,
        globalClusterStatus: cluster.Status ?? null,
        operation: cluster.FailoverState?.Status ? `${cluster.FailoverState.IsDataLossAllowed ? 'failover' : 'switchover'} ${cluster.FailoverState.Status} from ${cluster.FailoverState.FromDbClusterArn ?? '?'} to ${cluster.FailoverState.ToDbClusterArn ?? '?'}` : null,
      };
    }),
  ]);
  const all = [account, servingFlag, lag, runningExecutions, queues, fence, writer];
  return { status: { region, reachable: all.some((r) => r.ok), account, servingFlag, lag, runningExecutions, queues }, fence, writer };
}

async function readAuthority(env: RunbookEnvironment, probes: RegionProbe[], clients: RunbookClients): Promise<Result<AuthorityStatus>> {
  const configs = probes.flatMap((p) => (p.fence.ok ? [{ region: p.status.region, config: p.fence.value }] : []));
  if (configs.length === 0) {
    const why = probes.map((p) => `${p.status.region}: ${p.fence.ok ? 'ok' : p.fence.error}`).join('; ');
    return { ok: false, error: `no region gave region-fence's ARC configuration (${why})` };
  }
  const errors: string[] = [];
  for (const { region, config } of configs) {
    const endpoints = clients.arc(config.endpoints);
    const states: Record<string, RoutingControlState> = {};
    let endpoint = '';
    let failed = false;
    for (const r of regionsOf(env)) {
      const read = await readRoutingControl(endpoints, config.routingControlArns[r]!);
      if (!read.ok) {
        errors.push(`routing control of ${r} (configuration from ${region}): ${read.error}`);
        failed = true;
        break;
      }
      states[r] = read.value;
      endpoint = read.endpoint;
    }
    if (failed) continue;
    const on = Object.entries(states).filter(([, s]) => s === 'On').map(([r]) => r);
    return { ok: true, value: { states, active: on.length === 1 ? on[0]! : null, endpoint, configFrom: region } };
  }
  return { ok: false, error: errors.join('; ') };
}

/** Reads everything the report shows; only a wrong account is an exception (the caller's UserError). */
export async function collectStatus(env: RunbookEnvironment, clients: RunbookClients, now: Date): Promise<StatusReport> {
  const probes = await Promise.all(regionsOf(env).map((r) => probeRegion(env, r, clients, now)));
  const authority = await readAuthority(env, probes, clients);
  const answered = probes.find((p) => p.writer.ok);
  const writer: Result<WriterStatus> = answered && answered.writer.ok
    ? { ok: true, value: { ...answered.writer.value, from: answered.status.region } }
    : { ok: false, error: probes.map((p) => `${p.status.region}: ${p.writer.ok ? 'ok' : p.writer.error}`).join('; ') };
  const regions = probes.map((p) => p.status);
  return { env: env.env, at: now.toISOString(), authority, writer, regions, warnings: warningsOf(authority, writer, regions) };
}

export function warningsOf(authority: Result<AuthorityStatus>, writer: Result<WriterStatus>, regions: RegionStatus[]): string[] {
  const warnings: string[] = [];
  if (!regions.some((r) => r.reachable)) warnings.push('No region answered: check the credentials and the network before anything else.');
  for (const r of regions) if (!r.reachable) warnings.push(`${r.region} is unreachable: every call to it failed.`);
  if (authority.ok && authority.value.active === null) {
    warnings.push(`The routing controls are not exactly one On (${Object.entries(authority.value.states).map(([r, s]) => `${r} ${s}`).join(', ')}): no region is the authority.`);
  }
  if (authority.ok && writer.ok && authority.value.active && writer.value.region && authority.value.active !== writer.value.region) {
    warnings.push(
      `The authority names ${authority.value.active} but the writer is in ${writer.value.region}: a recovery is between moving the authority and promoting, or stopped there (see the running executions). No region commits orders until they agree.`,
    );
  }
  if (writer.ok && writer.value.operation) warnings.push(`The global database is in a ${writer.value.operation}.`);
  for (const r of regions) {
    if (r.servingFlag.ok && r.servingFlag.value.active && authority.ok && authority.value.active && authority.value.active !== r.region) {
      warnings.push(`${r.region}'s serving flag is still active although the authority names ${authority.value.active}: its lease runs out, or its next sync fences it, within ${DEFAULT_SERVING_LEASE_SECONDS} s.`);
    }
    if (r.queues.ok && r.queues.value.deadLetter.visible > 0) warnings.push(`${r.region}'s dead-letter queue holds ${r.queues.value.deadLetter.visible} message(s).`);
    const waiting = r.queues.ok ? r.queues.value.approvals.visible + r.queues.value.approvals.inFlight : 0;
    if (waiting > 0) {
      warnings.push(`${r.region}'s approval queue holds ${waiting} request(s): a recovery there may wait for an approver, who answers as the approver role with make approve EXECUTION=<its ARN under running recoveries> (a request whose recovery has ended ages out).`);
    }
  }
  const running = regions.flatMap((r) => (r.runningExecutions.ok ? r.runningExecutions.value.map((e) => `${e.name} in ${r.region}`) : []));
  if (running.length > 1) warnings.push(`More than one recovery is running (${running.join(', ')}).`);
  return warnings;
}

function show<T>(r: Result<T>, ok: (v: T) => string): string {
  return r.ok ? ok(r.value) : `unknown (${r.error})`;
}

function point(d: Datapoint | null): string {
  return d ? `${d.value} ms at ${d.at}` : 'no datapoint';
}

/** The report as text for a terminal. */
export function formatStatus(report: StatusReport): string {
  const lines: string[] = [`Status of ${report.env} at ${report.at}`, ''];
  lines.push(
    `Authority (Route 53 ARC routing controls): ${show(report.authority, (a) =>
      `${a.active ? `${a.active} is active` : 'NO single active region'} (${Object.entries(a.states).map(([r, s]) => `${r} ${s}`).join(', ')}); read at ${a.endpoint}, configuration from region-fence in ${a.configFrom}`)}`,
  );
  lines.push(
    `Global database writer: ${show(report.writer, (w) =>
      `${w.region ?? 'none'}${w.clusterArn ? ` (${w.clusterArn})` : ''}, global cluster ${w.globalClusterStatus ?? 'status unknown'}${w.operation ? `, ${w.operation}` : ''}; as ${w.from} reports it`)}`,
  );
  for (const r of report.regions) {
    lines.push('', `${r.region}: ${r.reachable ? 'reachable' : 'UNREACHABLE'}`);
    if (!r.reachable) {
      const first = [r.account, r.servingFlag, r.lag, r.runningExecutions, r.queues].find((x) => !x.ok);
      lines.push(`  every call failed, e.g. ${first && !first.ok ? first.error : 'no answer'}`);
      continue;
    }
    lines.push(`  account: ${show(r.account, (a) => a)}`);
    lines.push(`  serving flag: ${show(r.servingFlag, (f) => `${f.value ?? 'missing'}${f.lastModified ? ` (written ${f.lastModified})` : ''}, ${f.detail}`)}`);
    lines.push(
      `  replication lag of ${r.lag.ok ? r.lag.value.clusterIdentifier : 'its cluster'}: ${show(r.lag, (l) =>
        l.replicationLagMs || l.rpoLagMs
          ? `AuroraGlobalDBReplicationLag ${point(l.replicationLagMs)}, AuroraGlobalDBRPOLag ${point(l.rpoLagMs)}`
          : `no datapoints in the last ${LAG_WINDOW_MINUTES} min (published only while this region's cluster is a replicating secondary)`)}`,
    );
    lines.push(
      `  running recoveries: ${show(r.runningExecutions, (es) => (es.length ? es.map((e) => `${e.name} (started ${e.startDate ?? '?'}; ${e.executionArn})`).join(', ') : 'none'))}`,
    );
    lines.push(
      `  queues: ${show(r.queues, (q) => `orders ${q.orders.visible} waiting, ${q.orders.inFlight} in flight; dead-letter ${q.deadLetter.visible} waiting, ${q.deadLetter.inFlight} in flight; approval requests ${q.approvals.visible + q.approvals.inFlight}`)}`,
    );
  }
  if (report.warnings.length) lines.push('', 'Warnings:', ...report.warnings.map((w) => `  - ${w}`));
  return `${lines.join('\n')}\n`;
}
