// Region calls (functions/failover-validator/regions.ts): a region that does not answer fails the
// checks that need it, named in their detail, and never the report. The peer's clients are real,
// aimed at a loopback port nobody listens on.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { GetHealthCheckStatusCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetBucketReplicationCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateReadiness, type RegionClients, type ValidatorDeps } from '../../../functions/failover-validator/core.ts';
import { freePort } from '../../../tooling/functions/local-services.ts';
import { LOCAL_CREDENTIALS } from '../../../tooling/functions/local-stack.ts';
import { RecordingMetrics } from '../support/services.ts';
import { NOW, PRIMARY, SECONDARY, SETTINGS, check, cloudwatchAnswer, clusterArn, failing, observations, regionClients, replicationRule } from './fixtures.ts';

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
    expect(failing(report)).toEqual(['engine-versions', 'rpo-lag', 'dynamodb-replication-latency']);
    for (const name of failing(report)) {
      expect(check(report, name).detail).toMatch(new RegExp(`in ${SECONDARY} failed \\(region did not answer: ECONNREFUSED`));
    }
    // Trade processing needs only the writer's region; the unreachable one is named, not failed.
    expect(check(report, 'trade-processing').detail).toMatch(new RegExp(`${SECONDARY}: not read \\(.*region did not answer: ECONNREFUSED`));
    expect(metrics.value('FailoverReady')).toBe(0);
  });
});
