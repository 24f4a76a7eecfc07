// failover-validator core. RDS, CloudWatch, Route 53, Lambda, SSM, DynamoDB replicas and S3
// replication have no local equivalent, so each region's clients are mocked per instance; the
// unreachable-region case uses real clients aimed at a port nobody listens on.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeGlobalClustersCommand, RDSClient, type GlobalClusterMemberSynchronizationStatus } from '@aws-sdk/client-rds';
import { GetHealthCheckStatusCommand, Route53Client, type HealthCheckObservation } from '@aws-sdk/client-route-53';
import { GetBucketReplicationCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateReadiness, type ReadinessReport, type RegionClients, type ValidatorDeps } from '../../functions/failover-validator/core.ts';
import { freePort } from '../../tooling/functions/local-services.ts';
import { LOCAL_CREDENTIALS } from '../../tooling/functions/local-stack.ts';
import { RecordingMetrics } from './support/services.ts';

const NOW = new Date('2025-01-31T15:00:00Z');
const ACCOUNT = '111122223333';
const PRIMARY = 'us-east-1';
const SECONDARY = 'us-east-2';
const clusterArn = (region: string) => `arn:aws:rds:${region}:${ACCOUNT}:cluster:trading-test-${region}`;
const SETTINGS = {
  globalClusterId: 'trading-test',
  sessionsTable: 'trading-test-sessions',
  configBucket: 'trading-test-config-us-east-1',
  auditBucket: 'trading-test-audit-us-east-1',
  tradeProcessorFunction: 'trading-test-trade-processor',
  healthCheckIdsParameter: '/trading/test/health-check-ids',
  rpoLagThresholdSeconds: 30,
  replicationLatencyThresholdMs: 2000,
};

function regionClients(region: string, endpoint?: string): RegionClients {
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
type MetricTable = { metric: string; dims: Record<string, string>; values: number[] }[];

function cloudwatchAnswer(table: MetricTable) {
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

function observations(success: number, failure: number): HealthCheckObservation[] {
  return [
    ...Array.from({ length: success }, (_, i) => ({ Region: 'us-east-1' as const, IPAddress: `192.0.2.${i}`, StatusReport: { Status: 'Success: HTTP Status Code 200, OK' } })),
    ...Array.from({ length: failure }, (_, i) => ({ Region: 'eu-west-1' as const, IPAddress: `198.51.100.${i}`, StatusReport: { Status: 'Failure: HTTP Status Code 503, Service Unavailable' } })),
  ];
}

function replicationRule(bucket: string, overrides: Record<string, unknown> = {}) {
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

function check(report: ReadinessReport, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check named ${name}`);
  return found;
}

const failing = (report: ReadinessReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);

describe('failover-validator', () => {
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
  let metrics: RecordingMetrics;
  let deps: ValidatorDeps;

  /** Cluster layout with the writer in `writerRegion`. */
  function globalCluster(writerRegion: string, overrides: { status?: string; sync?: GlobalClusterMemberSynchronizationStatus } = {}) {
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

  beforeEach(() => {
    metrics = new RecordingMetrics();
    deps = { local, peer, route53, settings: SETTINGS, metrics, now: () => NOW };
    // A healthy active-passive pair: writer and processing in us-east-1, us-east-2 passive.
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

  it('reports ready, with every check passing, for a healthy pair', async () => {
    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(report).toMatchObject({ ready: true, region: PRIMARY, checkedAt: NOW.toISOString() });
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['global-cluster', true],
      ['engine-versions', true],
      ['rpo-lag', true],
      ['dynamodb-replicas', true],
      ['dynamodb-replication-latency', true],
      ['s3-replication', true],
      ['s3-failed-replication', true],
      ['route53-health-checks', true],
      ['trade-processing', true],
    ]);
    expect(check(report, 'rpo-lag')).toMatchObject({ rpoLagMs: 850, thresholdMs: 30_000 });
    expect(check(report, 'trade-processing')).toMatchObject({ processingRegions: [PRIMARY] });
    expect(metrics.value('FailoverReady')).toBe(1);
    expect(metrics.value('RpoLagMs')).toBe(850);
    expect(metrics.value('GlobalDbReplicationLagMs')).toBe(95);
    expect(metrics.value('S3FailedReplicationOperations')).toBe(0);
  });

  it('reads the RPO lag in the secondary region, for the secondary cluster', async () => {
    // Act
    await validateReadiness(deps);

    // Assess
    expect(m.peerCw).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: new Date(NOW.getTime() - 10 * 60_000),
      EndTime: NOW,
      MetricDataQueries: expect.arrayContaining([
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: { Namespace: 'AWS/RDS', MetricName: 'AuroraGlobalDBRPOLag', Dimensions: [{ Name: 'DBClusterIdentifier', Value: `trading-test-${SECONDARY}` }] },
          }),
        }),
      ]),
    });
  });

  it('is not ready when the RPO lag exceeds the threshold', async () => {
    // Prepare
    m.peerCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([{ metric: 'AuroraGlobalDBRPOLag', dims: { DBClusterIdentifier: `trading-test-${SECONDARY}` }, values: [45_000, 1_000] }]),
    );

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(report.ready).toBe(false);
    expect(failing(report)).toContain('rpo-lag');
    expect(check(report, 'rpo-lag').detail).toBe(`trading-test-${SECONDARY} (${SECONDARY}) RPO lag 45000 ms exceeds 30000 ms`);
    expect(metrics.value('RpoLagMs')).toBe(45_000);
    expect(metrics.value('FailoverReady')).toBe(0);
  });

  it('is not ready when the secondary publishes no RPO lag at all', async () => {
    // Prepare
    m.peerCw.on(GetMetricDataCommand).callsFake(cloudwatchAnswer([]));

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(check(report, 'rpo-lag')).toMatchObject({
      ok: false,
      detail: `no AuroraGlobalDBRPOLag datapoints for trading-test-${SECONDARY} in ${SECONDARY} in the last 10 min (is the secondary replicating?)`,
    });
  });

  it('is not ready when a member runs another engine version or the secondary needs a resync', async () => {
    // Prepare
    m.localRds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PRIMARY, { sync: 'pending-resync' }));
    m.peerRds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ EngineVersion: '16.2', Status: 'available' }] });

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['global-cluster', 'engine-versions']);
    expect(check(report, 'engine-versions').detail).toBe(`trading-test-${SECONDARY} (${SECONDARY}): engine 16.2 differs from the global 16.4`);
    expect(check(report, 'global-cluster').detail).toMatch(`trading-test-${SECONDARY} (${SECONDARY}) is pending-resync`);
  });

  it('is not ready when the sessions table has lost its replica in the peer region', async () => {
    // Prepare
    m.localDdb.on(DescribeTableCommand).resolves({ Table: { TableName: SETTINGS.sessionsTable, TableStatus: 'ACTIVE', Replicas: [] } });

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['dynamodb-replicas']);
    expect(check(report, 'dynamodb-replicas').detail).toBe(`no replica in ${SECONDARY} (replicas none)`);
  });

  it('is not ready when session replication lags beyond the threshold', async () => {
    // Prepare
    m.peerCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([
        { metric: 'AuroraGlobalDBRPOLag', dims: { DBClusterIdentifier: `trading-test-${SECONDARY}` }, values: [850] },
        { metric: 'ReplicationLatency', dims: { TableName: SETTINGS.sessionsTable, ReceivingRegion: PRIMARY }, values: [7_500] },
      ]),
    );

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['dynamodb-replication-latency']);
    expect(check(report, 'dynamodb-replication-latency')).toMatchObject({
      detail: `${PRIMARY}->${SECONDARY}: 120 ms; ${SECONDARY}->${PRIMARY}: 7500 ms exceeds 2000 ms`,
      latencyMs: 7_500,
    });
  });

  it('is not ready when a bucket has no replication configuration, or replicates without RTC', async () => {
    // Prepare
    m.s3
      .on(GetBucketReplicationCommand, { Bucket: SETTINGS.configBucket })
      .rejects(new S3ServiceException({ name: 'ReplicationConfigurationNotFoundError', message: 'The replication configuration was not found', $fault: 'client', $metadata: {} }));
    m.s3
      .on(GetBucketReplicationCommand, { Bucket: SETTINGS.auditBucket })
      .resolves({ ReplicationConfiguration: { Role: 'r', Rules: [replicationRule(SETTINGS.auditBucket, { Destination: { Bucket: 'arn:aws:s3:::elsewhere' } })] } } as never);

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['s3-replication']);
    expect(check(report, 's3-replication').detail).toBe(
      `${SETTINGS.configBucket} has no replication configuration; ${SETTINGS.auditBucket} rule replicate-to-us-east-2 lacks Replication Time Control; ${SETTINGS.auditBucket} rule replicate-to-us-east-2 lacks replication metrics`,
    );
  });

  it('is not ready when S3 reports failed replication operations', async () => {
    // Prepare
    const destination = SETTINGS.auditBucket.replace('us-east-1', 'us-east-2');
    m.localCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([
        { metric: 'ReplicationLatency', dims: { TableName: SETTINGS.sessionsTable, ReceivingRegion: SECONDARY }, values: [120] },
        { metric: 'OperationsFailedReplication', dims: { SourceBucket: SETTINGS.auditBucket, DestinationBucket: destination, RuleId: 'replicate-to-us-east-2' }, values: [2, 0, 3] },
      ]),
    );

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['s3-failed-replication']);
    expect(check(report, 's3-failed-replication')).toMatchObject({
      detail: `${SETTINGS.auditBucket} -> ${destination}: 5 failed in the last 60 min`,
      failedOperations: 5,
    });
    expect(metrics.value('S3FailedReplicationOperations')).toBe(5);
  });

  it('is not ready when the writer region fails its Route 53 health check', async () => {
    // Prepare
    m.route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-primary' }).resolves({ HealthCheckObservations: observations(2, 14) });

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['route53-health-checks']);
    expect(check(report, 'route53-health-checks').detail).toBe(
      `the writer region ${PRIMARY} is unhealthy in Route 53; ${PRIMARY} unhealthy (2/16 checkers); ${SECONDARY} unhealthy (0/16 checkers)`,
    );
  });

  it('is not ready when the health-check ids lack a region', async () => {
    // Prepare
    m.localSsm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ [PRIMARY]: 'hc-primary' }) } });

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(check(report, 'route53-health-checks')).toMatchObject({ ok: false, detail: expect.stringContaining(`${SETTINGS.healthCheckIdsParameter} has no health check id for ${SECONDARY}`) });
  });

  it.each([
    ['both regions', 'Enabled', 'Enabled', `2 regions process trades (expected exactly 1); ${PRIMARY}: Enabled; ${SECONDARY}: Enabled`],
    ['neither region', 'Disabled', 'Disabled', `0 regions process trades (expected exactly 1); ${PRIMARY}: Disabled; ${SECONDARY}: Disabled`],
    ['only the region without the writer', 'Disabled', 'Enabled', `trades are processed in ${SECONDARY} but the writer cluster is in ${PRIMARY}; ${PRIMARY}: Disabled; ${SECONDARY}: Enabled`],
  ])('is not ready when trade processing is enabled in %s', async (_case, localState, peerState, detail) => {
    // Prepare
    m.localLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: localState }] });
    m.peerLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: peerState }] });

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(failing(report)).toEqual(['trade-processing']);
    expect(check(report, 'trade-processing').detail).toBe(detail);
  });

  it('follows the writer after a failover: ready with the writer and processing in the other region', async () => {
    // Prepare
    m.localRds.on(DescribeGlobalClustersCommand).resolves(globalCluster(SECONDARY));
    m.localCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([{ metric: 'AuroraGlobalDBRPOLag', dims: { DBClusterIdentifier: `trading-test-${PRIMARY}` }, values: [400] }]),
    );
    m.peerCw.on(GetMetricDataCommand).callsFake(cloudwatchAnswer([]));
    m.route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-primary' }).resolves({ HealthCheckObservations: observations(0, 16) });
    m.route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-secondary' }).resolves({ HealthCheckObservations: observations(16, 0) });
    m.localLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: 'Disabled' }] });
    m.peerLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: 'Enabled' }] });

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(report.ready).toBe(true);
    expect(check(report, 'rpo-lag')).toMatchObject({ rpoLagMs: 400 });
    expect(check(report, 'global-cluster')).toMatchObject({ writerRegion: SECONDARY });
  });

  it('describes the global cluster through the peer when this region cannot', async () => {
    // Prepare
    m.localRds.on(DescribeGlobalClustersCommand).rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }));

    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(check(report, 'global-cluster').ok).toBe(true);
    expect(m.peerRds).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, { GlobalClusterIdentifier: 'trading-test' });
  });
});

describe('failover-validator when the peer region does not answer', () => {
  const local = { ...regionClients(PRIMARY), s3: new S3Client({ region: PRIMARY, credentials: LOCAL_CREDENTIALS }) };
  const route53 = new Route53Client({ region: PRIMARY, credentials: LOCAL_CREDENTIALS });
  const m = {
    rds: mockClient(local.rds),
    cw: mockClient(local.cloudwatch),
    ddb: mockClient(local.dynamodb),
    lambda: mockClient(local.lambda),
    ssm: mockClient(local.ssm),
    s3: mockClient(local.s3),
    route53: mockClient(route53),
  };
  let peer: RegionClients;
  let deps: ValidatorDeps;
  let metrics: RecordingMetrics;

  beforeEach(async () => {
    // Real clients for the peer, aimed at a loopback port nobody listens on.
    peer = regionClients(SECONDARY, `http://127.0.0.1:${await freePort()}`);
    metrics = new RecordingMetrics();
    deps = { local, peer, route53, settings: SETTINGS, metrics, now: () => NOW };
    m.rds.on(DescribeGlobalClustersCommand).resolves({
      GlobalClusters: [
        {
          Status: 'available',
          Engine: 'aurora-postgresql',
          EngineVersion: '16.4',
          GlobalClusterMembers: [
            { DBClusterArn: clusterArn(PRIMARY), IsWriter: true },
            { DBClusterArn: clusterArn(SECONDARY), IsWriter: false, SynchronizationStatus: 'connected' },
          ],
        },
      ],
    });
    m.rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ EngineVersion: '16.4', Status: 'available' }] });
    m.cw.on(GetMetricDataCommand).callsFake(cloudwatchAnswer([]));
    m.ddb.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE', Replicas: [{ RegionName: SECONDARY, ReplicaStatus: 'ACTIVE' }] } });
    for (const bucket of [SETTINGS.configBucket, SETTINGS.auditBucket]) {
      m.s3.on(GetBucketReplicationCommand, { Bucket: bucket }).resolves({ ReplicationConfiguration: { Role: 'r', Rules: [replicationRule(bucket)] } } as never);
    }
    m.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ [PRIMARY]: 'hc-primary', [SECONDARY]: 'hc-secondary' }) } });
    m.route53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: observations(16, 0) });
    m.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: 'Enabled' }] });
  });

  afterEach(() => {
    for (const mock of Object.values(m)) mock.reset();
    for (const client of [peer.rds, peer.cloudwatch, peer.dynamodb, peer.lambda, peer.ssm]) client.destroy();
  });

  it('reports not ready with the unreachable region named in each check that needs it, instead of failing', async () => {
    // Act
    const report = await validateReadiness(deps);

    // Assess
    expect(report.ready).toBe(false);
    expect(failing(report)).toEqual(['engine-versions', 'rpo-lag', 'dynamodb-replication-latency', 'trade-processing']);
    for (const name of failing(report)) {
      expect(check(report, name).detail).toMatch(new RegExp(`in ${SECONDARY} failed \\(region did not answer: ECONNREFUSED`));
    }
    expect(check(report, 'trade-processing').detail).toMatch(/^cannot confirm that exactly one region processes trades: /);
    expect(metrics.value('FailoverReady')).toBe(0);
  });
});
