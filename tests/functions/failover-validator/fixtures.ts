// Fixtures of the failover-validator tests. RDS, CloudWatch, Route 53, Lambda, SSM, DynamoDB replicas
// and S3 replication have no local equivalent, so each region's clients are mocked per instance.
// healthyPair() answers every call as a healthy active-passive pair would; each test breaks one thing.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeGlobalClustersCommand, RDSClient, type GlobalClusterMemberSynchronizationStatus } from '@aws-sdk/client-rds';
import { GetHealthCheckStatusCommand, Route53Client, type HealthCheckObservation } from '@aws-sdk/client-route-53';
import { GetBucketReplicationCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach } from 'vitest';
import type { ReadinessReport, RegionClients, ValidatorDeps } from '../../../functions/failover-validator/core.ts';
import { LOCAL_CREDENTIALS } from '../../../tooling/functions/local-stack.ts';
import { RecordingMetrics } from '../support/services.ts';

export const NOW = new Date('2025-01-31T15:00:00Z');
export const ACCOUNT = '111122223333';
export const PRIMARY = 'us-east-1';
export const SECONDARY = 'us-east-2';
export const clusterArn = (region: string) => `arn:aws:rds:${region}:${ACCOUNT}:cluster:trading-test-${region}`;
export const SETTINGS = {
  globalClusterId: 'trading-test',
  sessionsTable: 'trading-test-sessions',
  configBucket: 'trading-test-config-us-east-1',
  auditBucket: 'trading-test-audit-us-east-1',
  tradeProcessorFunction: 'trading-test-trade-processor',
  healthCheckIdsParameter: '/trading/test/health-check-ids',
  rpoLagThresholdSeconds: 30,
  replicationLatencyThresholdMs: 2000,
};

export function regionClients(region: string, endpoint?: string): RegionClients {
  const config = { region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) };
  return {
    region,
    rds: new RDSClient(config),
    cloudwatch: new CloudWatchClient(config),
    dynamodb: new DynamoDBClient(config),
    lambda: new LambdaClient(config),
    ssm: new SSMClient(config),
  };
}

/** CloudWatch as a table: metric name + dimension values -> datapoints (newest first). */
export type MetricTable = { metric: string; dims: Record<string, string>; values: number[] }[];

export function cloudwatchAnswer(table: MetricTable) {
  return (input: GetMetricDataCommandInput) => {
    const results: MetricDataResult[] = (input.MetricDataQueries ?? []).map((q) => {
      const metric = q.MetricStat!.Metric!;
      const dims = Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name!, d.Value!]));
      const row = table.find((r) => r.metric === metric.MetricName && Object.entries(r.dims).every(([k, v]) => dims[k] === v) && Object.keys(dims).length === Object.keys(r.dims).length);
      const values = row?.values ?? [];
      return { Id: q.Id, Values: values, Timestamps: values.map((_, i) => new Date(NOW.getTime() - (i + 1) * 60_000)), StatusCode: 'Complete' };
    });
    return { MetricDataResults: results };
  };
}

export function observations(success: number, failure: number): HealthCheckObservation[] {
  return [
    ...Array.from({ length: success }, (_, i) => ({ Region: 'us-east-1' as const, IPAddress: `192.0.2.${i}`, StatusReport: { Status: 'Success: HTTP Status Code 200, OK' } })),
    ...Array.from({ length: failure }, (_, i) => ({ Region: 'eu-west-1' as const, IPAddress: `198.51.100.${i}`, StatusReport: { Status: 'Failure: HTTP Status Code 503, Service Unavailable' } })),
  ];
}

export function replicationRule(bucket: string, overrides: Record<string, unknown> = {}) {
  return {
    ID: 'replicate-to-us-east-2',
    Status: 'Enabled',
    Priority: 1,
    Filter: {},
    DeleteMarkerReplication: { Status: 'Enabled' },
    Destination: {
      Bucket: `arn:aws:s3:::${bucket.replace('us-east-1', 'us-east-2')}`,
      ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
      Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
    },
    ...overrides,
  };
}

/** Cluster layout with the writer in `writerRegion`. */
export function globalCluster(writerRegion: string, overrides: { status?: string; sync?: GlobalClusterMemberSynchronizationStatus } = {}) {
  return {
    GlobalClusters: [
      {
        GlobalClusterIdentifier: 'trading-test',
        Status: overrides.status ?? 'available',
        Engine: 'aurora-postgresql',
        EngineVersion: '16.4',
        GlobalClusterMembers: [PRIMARY, SECONDARY].map((region) => ({
          DBClusterArn: clusterArn(region),
          IsWriter: region === writerRegion,
          ...(region === writerRegion ? {} : { SynchronizationStatus: overrides.sync ?? 'connected' }),
        })),
      },
    ],
  };
}

export function check(report: ReadinessReport, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check named ${name}`);
  return found;
}

export const failing = (report: ReadinessReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);

/**
 * Mocked clients of both regions answering as a healthy active-passive pair: writer and processing
 * in us-east-1, us-east-2 passive. Call inside a describe: it registers the hooks that set the
 * answers before each test (with fresh `deps` and `metrics`) and reset the mocks after it.
 */
export function healthyPair() {
  const local = { ...regionClients(PRIMARY), s3: new S3Client({ region: PRIMARY, credentials: LOCAL_CREDENTIALS }) };
  const peer = regionClients(SECONDARY);
  const route53 = new Route53Client({ region: PRIMARY, credentials: LOCAL_CREDENTIALS });
  const m = {
    localRds: mockClient(local.rds),
    peerRds: mockClient(peer.rds),
    localCw: mockClient(local.cloudwatch),
    peerCw: mockClient(peer.cloudwatch),
    localDdb: mockClient(local.dynamodb),
    peerDdb: mockClient(peer.dynamodb),
    localLambda: mockClient(local.lambda),
    peerLambda: mockClient(peer.lambda),
    localSsm: mockClient(local.ssm),
    peerSsm: mockClient(peer.ssm),
    s3: mockClient(local.s3),
    route53: mockClient(route53),
  };
  const pair = { m, metrics: new RecordingMetrics(), deps: undefined as unknown as ValidatorDeps };

  beforeEach(() => {
    pair.metrics = new RecordingMetrics();
    pair.deps = { local, peer, route53, settings: SETTINGS, metrics: pair.metrics, now: () => NOW };
    for (const rds of [m.localRds, m.peerRds]) {
      rds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PRIMARY));
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ EngineVersion: '16.4', Status: 'available' }] });
    }
    m.localCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([
        { metric: 'ReplicationLatency', dims: { TableName: SETTINGS.sessionsTable, ReceivingRegion: SECONDARY }, values: [120, 180] },
        ...[SETTINGS.configBucket, SETTINGS.auditBucket].map((b) => ({
          metric: 'OperationsFailedReplication',
          dims: { SourceBucket: b, DestinationBucket: b.replace('us-east-1', 'us-east-2'), RuleId: 'replicate-to-us-east-2' },
          values: [0, 0],
        })),
      ]),
    );
    m.peerCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([
        { metric: 'AuroraGlobalDBRPOLag', dims: { DBClusterIdentifier: `trading-test-${SECONDARY}` }, values: [850, 900] },
        { metric: 'AuroraGlobalDBReplicationLag', dims: { DBClusterIdentifier: `trading-test-${SECONDARY}` }, values: [95] },
        { metric: 'ReplicationLatency', dims: { TableName: SETTINGS.sessionsTable, ReceivingRegion: PRIMARY }, values: [90] },
      ]),
    );
    m.localDdb.on(DescribeTableCommand).resolves({ Table: { TableName: SETTINGS.sessionsTable, TableStatus: 'ACTIVE', Replicas: [{ RegionName: SECONDARY, ReplicaStatus: 'ACTIVE' }] } });
    m.peerDdb.on(DescribeTableCommand).resolves({ Table: { TableName: SETTINGS.sessionsTable, TableStatus: 'ACTIVE', Replicas: [{ RegionName: PRIMARY, ReplicaStatus: 'ACTIVE' }] } });
    for (const bucket of [SETTINGS.configBucket, SETTINGS.auditBucket]) {
      m.s3.on(GetBucketReplicationCommand, { Bucket: bucket }).resolves({ ReplicationConfiguration: { Role: `arn:aws:iam::${ACCOUNT}:role/replication`, Rules: [replicationRule(bucket)] } } as never);
    }
    const ids = { Parameter: { Name: SETTINGS.healthCheckIdsParameter, Value: JSON.stringify({ [PRIMARY]: 'hc-primary', [SECONDARY]: 'hc-secondary' }) } };
    m.localSsm.on(GetParameterCommand).resolves(ids);
    m.peerSsm.on(GetParameterCommand).resolves(ids);
    m.route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-primary' }).resolves({ HealthCheckObservations: observations(16, 0) });
    // The passive region's serving flag is false, so its /health answers 503.
    m.route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-secondary' }).resolves({ HealthCheckObservations: observations(0, 16) });
    m.localLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-1', State: 'Enabled' }] });
    m.peerLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ UUID: 'esm-2', State: 'Disabled' }] });
  });

  afterEach(() => {
    for (const mock of Object.values(m)) mock.reset();
  });

  return pair;
}
