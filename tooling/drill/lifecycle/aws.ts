// AWS SDK clients backed by the simulated world, for the function cores. Each is an object with the
// SDK's `send(command)`, dispatching on the command's class name and reading `command.input`, bound to
// the region the call goes to and the region it comes from: a call that cannot reach its region fails
// the way the SDK does when the connection times out. A command the simulation does not model is a
// gap in the drill and stops the run.
//
// The same facts answer the state machine's SDK integrations (state-machine.ts); `sfn` shapes use
// Step Functions' field names (DbClusterArn, not DBClusterArn).
import { ArcError, type ClusterEndpoint, type ControlState } from './arc.ts';
import { route53ViewAnswer } from './route53.ts';
import type { World } from './world.ts';
import { ACCOUNT, dateAt } from './world.ts';
import { LIFECYCLE_TIMING } from './timing.ts';

type Json = Record<string, unknown>;
export interface Command {
  input: unknown;
  constructor: { name: string };
}
export interface Sender {
  send(command: Command, options?: unknown): Promise<unknown>;
}

/** What the SDK throws when the regional endpoint does not answer. */
export function unreachable(service: string, region: string): Error {
  return Object.assign(new Error(`connect ETIMEDOUT ${service}.${region}.amazonaws.com:443`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

function serviceError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

function client(world: World, service: string, caller: string, target: string, handlers: Record<string, (input: Json) => unknown>): Sender {
  return {
    async send(command: Command) {
      const name = command.constructor.name;
      const handler = handlers[name];
      if (!handler) throw world.gap(`${name} (${service} in ${target}, called from ${caller}) is not simulated`);
      if (!world.callable(caller, target)) throw unreachable(service, target);
      return handler((command.input ?? {}) as Json);
    },
  };
}

export interface RegionSenders {
  region: string;
  ssm: Sender;
  lambda: Sender;
  rds: Sender;
  cloudwatch: Sender;
  dynamodb: Sender;
  sqs: Sender;
  s3: Sender;
  apigateway: Sender;
}

/** The global cluster as DescribeGlobalClusters returns it, in the SDK's or Step Functions' field names. */
export function describeGlobalCluster(world: World, style: 'sdk' | 'sfn'): Json {
  const a = world.aurora;
  const arnKey = style === 'sdk' ? 'DBClusterArn' : 'DbClusterArn';
  const op = a.operation;
  const members = Object.values(a.clusters).map((c) => ({
    [arnKey]: c.arn,
    IsWriter: a.writer === c.region,
    Readers: Object.values(a.clusters).filter((x) => x.region !== c.region && a.writer === c.region).map((x) => x.arn),
    ...(a.writer === c.region ? {} : { SynchronizationStatus: c.sync }),
  }));
  const status = op ? (op.kind === 'switchover' ? 'switching-over' : 'failing-over') : 'available';
  return {
    GlobalClusterIdentifier: a.globalId,
    GlobalClusterArn: `arn:aws:rds::111122223333:global-cluster:${a.globalId}`,
    Status: status,
    Engine: 'aurora-postgresql',
    EngineVersion: '16.6',
    StorageEncrypted: true,
    GlobalClusterMembers: members,
    ...(op
      ? { FailoverState: { Status: status, FromDbClusterArn: a.clusters[op.from]!.arn, ToDbClusterArn: a.clusters[op.to]!.arn, IsDataLossAllowed: op.kind === 'failover' } }
      : {}),
  };
}

export function describeCluster(world: World, region: string, style: 'sdk' | 'sfn'): Json {
  const c = world.aurora.clusters[region]!;
  const op = world.aurora.operation;
  const busy = op && (op.from === region || op.to === region);
  return {
    [style === 'sdk' ? 'DBClusterArn' : 'DbClusterArn']: c.arn,
    [style === 'sdk' ? 'DBClusterIdentifier' : 'DbClusterIdentifier']: c.id,
    Status: busy ? (op!.kind === 'switchover' ? 'switching-over' : 'failing-over') : 'available',
    Engine: 'aurora-postgresql',
    EngineVersion: '16.6',
    GlobalClusterIdentifier: world.aurora.globalId,
  };
}

/** Datapoints of one metric as CloudWatch in `region` has them: newest first, one a minute. */
export function metricValues(world: World, region: string, namespace: string, metric: string, dims: Record<string, string>): number[] {
  const repeat = (v: number) => [v, v, v, v, v];
  if (namespace === 'AWS/RDS' && (metric === 'AuroraGlobalDBRPOLag' || metric === 'AuroraGlobalDBReplicationLag')) {
    // Published in the secondary's region, for the secondary cluster.
    const secondary = world.aurora.clusters[world.aurora.other(world.aurora.writer)]!;
    if (secondary.region !== region || dims.DBClusterIdentifier !== secondary.id || secondary.awaitingRejoin) return [];
    return repeat(metric === 'AuroraGlobalDBRPOLag' ? world.aurora.rpoLagMs(world.now) : Math.round(world.aurora.lagSeconds * 1000));
  }
  if (namespace === 'AWS/DynamoDB' && metric === 'ReplicationLatency') return repeat(LIFECYCLE_TIMING.dynamodbReplicationLatency.seconds * 1000);
  if (namespace === 'AWS/S3' && metric === 'OperationsFailedReplication') return repeat(0);
  return [];
}

function getMetricData(world: World, region: string, input: Json, style: 'sdk' | 'sfn'): Json {
  const queries = (input.MetricDataQueries ?? []) as Json[];
  return {
    MetricDataResults: queries.map((q) => {
      const m = ((q.MetricStat as Json | undefined)?.Metric ?? {}) as Json;
      const dims = Object.fromEntries(((m.Dimensions ?? []) as Json[]).map((d) => [String(d.Name), String(d.Value)]));
      const values = metricValues(world, region, String(m.Namespace), String(m.MetricName), dims);
      const stamps = values.map((_, i) => dateAt(Math.floor(world.now / 60) * 60 - i * 60));
      return { Id: q.Id, Label: m.MetricName, StatusCode: 'Complete', Values: values, Timestamps: style === 'sdk' ? stamps : stamps.map((d) => d.toISOString()) };
    }),
  };
}

const cache = new WeakMap<World, Map<string, RegionSenders>>();

/** Clients in `target`, used by code running in `caller` (made once per world and pair of regions). */
export function sendersFor(world: World, caller: string, target: string): RegionSenders {
  let byPair = cache.get(world);
  if (!byPair) {
    byPair = new Map();
    cache.set(world, byPair);
  }
  const key = `${caller}>${target}`;
  let senders = byPair.get(key);
  if (!senders) {
    senders = makeSenders(world, caller, target);
    byPair.set(key, senders);
  }
  return senders;
}

function makeSenders(world: World, caller: string, target: string): RegionSenders {
  const n = world.names;
  const region = world.regions[target]!;
  const ssm = client(world, 'ssm', caller, target, {
    GetParameterCommand: (i) => {
      const p = region.parameters.get(String(i.Name));
      if (!p) throw serviceError('ParameterNotFound', `Parameter ${String(i.Name)} not found.`);
      return { Parameter: { Name: i.Name, Value: p.value, Version: p.version, Type: 'String', LastModifiedDate: dateAt(p.lastModified) } };
    },
    PutParameterCommand: (i) => {
      const name = String(i.Name);
      const before = region.parameters.get(name);
      if (before && i.Overwrite !== true) throw serviceError('ParameterAlreadyExists', `The parameter ${name} already exists.`);
      const version = (before?.version ?? 0) + 1;
      region.parameters.set(name, { value: String(i.Value), version, lastModified: world.now });
      if (name === n.servingParameter(target) && before?.value !== String(i.Value)) world.note(target, `serving flag set to ${String(i.Value)} (from ${caller})`);
      return { Version: version, Tier: 'Standard' };
    },
  });
  // The trade processor's event source mapping is enabled in both regions and nothing switches it
  // (Terraform owns it): it can be listed (the validator reads it); UpdateEventSourceMapping is a gap.
  const lambda = client(world, 'lambda', caller, target, {
    ListEventSourceMappingsCommand: (i) => ({
      EventSourceMappings:
        i.FunctionName === n.tradeProcessor
          ? [{ UUID: n.esmUuid(target), State: 'Enabled', FunctionArn: `arn:aws:lambda:${target}:${ACCOUNT}:function:${n.tradeProcessor}`, EventSourceArn: `arn:aws:sqs:${target}:${ACCOUNT}:${n.prefix}-trade-orders` }]
          : [],
    }),
  });
  const rds = client(world, 'rds', caller, target, {
    DescribeGlobalClustersCommand: (i) => {
      if (i.GlobalClusterIdentifier !== world.aurora.globalId) throw serviceError('GlobalClusterNotFoundFault', `GlobalCluster ${String(i.GlobalClusterIdentifier)} not found.`, 404);
      return { GlobalClusters: [describeGlobalCluster(world, 'sdk')] };
    },
    DescribeDBClustersCommand: (i) => {
      const c = Object.values(world.aurora.clusters).find((x) => x.arn === i.DBClusterIdentifier || x.id === i.DBClusterIdentifier);
      if (!c || c.region !== target) throw serviceError('DBClusterNotFoundFault', `DBCluster ${String(i.DBClusterIdentifier)} not found.`, 404);
      return { DBClusters: [describeCluster(world, c.region, 'sdk')] };
    },
  });
  const cloudwatch = client(world, 'monitoring', caller, target, {
    GetMetricDataCommand: (i) => getMetricData(world, target, i, 'sdk'),
  });
  const dynamodb = client(world, 'dynamodb', caller, target, {
    DescribeTableCommand: (i) => ({
      Table: {
        TableName: i.TableName,
        TableStatus: 'ACTIVE',
        Replicas: Object.keys(world.regions).map((r) => ({ RegionName: r, ReplicaStatus: 'ACTIVE' })),
      },
    }),
    // The processor's session upsert (lib-dynamodb UpdateCommand): sessions do not enter the invariants.
    UpdateCommand: () => ({}),
  });
  const sqs = client(world, 'sqs', caller, target, {
    // The queue's approximate counts, exact here: visible messages, and those received and not yet back.
    GetQueueAttributesCommand: (i) => {
      if (i.QueueUrl !== undefined && i.QueueUrl !== n.queueUrl(target)) throw serviceError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue ${String(i.QueueUrl)} does not exist.`);
      const visible = region.queue.visibleCount(world.now);
      return { Attributes: { ApproximateNumberOfMessages: String(visible), ApproximateNumberOfMessagesNotVisible: String(region.queue.length - visible), QueueArn: `arn:aws:sqs:${target}:${ACCOUNT}:${n.prefix}-trade-orders` } };
    },
    // The processor's refusal: each record back after the visibility it asks for (by receipt handle).
    ChangeMessageVisibilityBatchCommand: (i) => {
      if (i.QueueUrl !== n.queueUrl(target)) throw serviceError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue ${String(i.QueueUrl)} does not exist.`);
      const entries = (i.Entries ?? []) as Json[];
      const Successful: Json[] = [];
      const Failed: Json[] = [];
      for (const e of entries) {
        if (region.queue.changeVisibility(String(e.ReceiptHandle), world.now, Number(e.VisibilityTimeout))) Successful.push({ Id: e.Id });
        else Failed.push({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The receipt handle is not that of a message in flight' });
      }
      return { Successful, Failed };
    },
  });
  const s3 = client(world, 's3', caller, target, {
    GetBucketReplicationCommand: (i) => {
      const bucket = String(i.Bucket);
      const peer = world.peer(target);
      const destination = bucket === n.auditBucket(target) ? n.auditBucket(peer) : bucket === n.configBucket(target) ? n.configBucket(peer) : null;
      if (!destination) throw serviceError('ReplicationConfigurationNotFoundError', `${bucket} has no replication configuration`, 404);
      return {
        ReplicationConfiguration: {
          Role: `arn:aws:iam::111122223333:role/${n.prefix}-s3-replication`,
          Rules: [{ ID: `replicate-to-${peer}`, Status: 'Enabled', Priority: 1, Filter: {}, Destination: { Bucket: `arn:aws:s3:::${destination}`, ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } }, Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } } } }],
        },
      };
    },
    PutObjectCommand: (i) => {
      const key = `${String(i.Bucket)}/${String(i.Key)}`;
      if (i.IfNoneMatch === '*' && region.auditKeys.has(key)) throw serviceError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
      region.auditKeys.add(key);
      return { ETag: '"0"' };
    },
  });
  const stage = (i: Json) => {
    if (i.restApiId !== n.restApiId(target) || i.stageName !== n.stageName) throw serviceError('NotFoundException', `Invalid stage identifier specified (restApiId ${String(i.restApiId)}, stage ${String(i.stageName)})`, 404);
    return region.stageVariables;
  };
  const apigateway = client(world, 'apigateway', caller, target, {
    GetStageCommand: (i) => ({ stageName: n.stageName, variables: { ...stage(i) } }),
    UpdateStageCommand: (i) => {
      const variables = stage(i);
      for (const op of (i.patchOperations ?? []) as Json[]) {
        const m = /^\/variables\/([A-Za-z0-9_]+)$/.exec(String(op.path));
        if (!m || (op.op !== 'replace' && op.op !== 'add')) throw world.gap(`UpdateStage patch ${JSON.stringify(op)} (apigateway in ${target}) is not simulated`);
        const before = variables[m[1]!];
        variables[m[1]!] = String(op.value);
        if (m[1] === 'active' && before !== String(op.value)) world.note(target, `API stage variable active set to ${String(op.value)} (from ${caller})`);
      }
      return { stageName: n.stageName, variables: { ...variables } };
    },
  });
  return { region: target, ssm, lambda, rds, cloudwatch, dynamodb, sqs, s3, apigateway };
}

/** The ARC cluster's endpoints as ARC_CLUSTER_ENDPOINTS lists them. */
export function arcEndpoints(world: World): ClusterEndpoint[] {
  return world.arc.endpoints.map((e) => ({ ...e }));
}

/**
 * A route53-recovery-cluster client built with `{ region: endpoint.region, endpoint: endpoint.endpoint }`
 * by code running in `caller`. It answers while the caller's region is up and the endpoint answers.
 */
export function arcClient(world: World, caller: string, endpoint: ClusterEndpoint): Sender {
  const arc = world.arc;
  const fail = (error: unknown): never => {
    if (error instanceof ArcError) throw serviceError(error.name, error.message, error.status);
    throw error;
  };
  const handlers: Record<string, (input: Json) => unknown> = {
    GetRoutingControlStateCommand: (i) => {
      try {
        const arn = String(i.RoutingControlArn);
        return { RoutingControlArn: arn, RoutingControlState: arc.state(arn), RoutingControlName: `${arc.regionOf(arn) ?? 'unknown'}` };
      } catch (error) {
        return fail(error);
      }
    },
    UpdateRoutingControlStateCommand: (i) => {
      if (i.SafetyRulesToOverride !== undefined) throw world.gap('UpdateRoutingControlState with SafetyRulesToOverride is not simulated');
      try {
        arc.update([{ arn: String(i.RoutingControlArn), state: String(i.RoutingControlState) as ControlState }]);
      } catch (error) {
        fail(error);
      }
      return {};
    },
    UpdateRoutingControlStatesCommand: (i) => {
      if (i.SafetyRulesToOverride !== undefined) throw world.gap('UpdateRoutingControlStates with SafetyRulesToOverride is not simulated');
      try {
        arc.update(((i.UpdateRoutingControlStateEntries ?? []) as Json[]).map((e) => ({ arn: String(e.RoutingControlArn), state: String(e.RoutingControlState) as ControlState })));
      } catch (error) {
        fail(error);
      }
      return {};
    },
  };
  return {
    async send(command: Command) {
      const name = command.constructor.name;
      const handler = handlers[name];
      if (!handler) throw world.gap(`${name} (route53-recovery-cluster at ${endpoint.endpoint}, called from ${caller}) is not simulated`);
      if (!world.regions[caller]?.up || !arc.answers(endpoint.endpoint)) {
        throw Object.assign(new Error(`connect ETIMEDOUT ${new URL(endpoint.endpoint).host}:443`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
      }
      return handler((command.input ?? {}) as Json);
    },
  };
}

/** One client per cluster endpoint, in the order ARC_CLUSTER_ENDPOINTS lists them. */
export function arcClients(world: World, caller: string): (ClusterEndpoint & { client: Sender })[] {
  return arcEndpoints(world).map((e) => ({ ...e, client: arcClient(world, caller, e) }));
}

/**
 * `node:dns/promises` resolveTxt as code in `caller` sees it, for the Route 53 view records: Route 53's
 * DNS data plane answers from edge locations outside both regions, so it answers while the caller runs.
 */
export function resolveTxtFor(world: World, caller: string): (name: string) => Promise<string[][]> {
  return async (name: string) => {
    if (!world.regions[caller]?.up) throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: 'ETIMEOUT' });
    // Route 53's view of each region (modules/failover-orchestrator/dns.tf): primary-view, secondary-view.
    const viewed = Object.keys(world.regions).find((r) => world.names.viewName(r, world.primary) === name.replace(/\.$/, ''));
    if (!viewed) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return [[route53ViewAnswer(world.regions[viewed]!.health.healthy)]];
  };
}

/** Route 53's API (a global service): health check status as its checkers report it. */
export function route53For(world: World, caller: string): Sender {
  return {
    async send(command: Command) {
      const name = command.constructor.name;
      if (name !== 'GetHealthCheckStatusCommand') throw world.gap(`${name} (route53, called from ${caller}) is not simulated`);
      if (!world.regions[caller]!.up) throw unreachable('route53', 'us-east-1');
      const id = String((command.input as Json).HealthCheckId);
      const region = Object.keys(world.regions).find((r) => world.names.healthCheckId(r) === id);
      if (!region) throw serviceError('NoSuchHealthCheck', `No health check with id ${id}`, 404);
      const healthy = world.regions[region]!.health.healthy;
      const status = healthy ? 'Success: HTTP Status Code 200, OK' : 'Failure: HTTP Status Code 503, Service Unavailable';
      return { HealthCheckObservations: Array.from({ length: 8 }, (_, i) => ({ Region: 'us-east-1', IPAddress: `192.0.2.${i + 1}`, StatusReport: { Status: status } })) };
    },
  };
}

export { getMetricData };
