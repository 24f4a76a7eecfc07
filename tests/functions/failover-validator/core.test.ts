// validateReadiness: the whole report over a healthy pair, and after a failover.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { GetHealthCheckStatusCommand } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../functions/failover-validator/core.ts';
import { NOW, PRIMARY, SECONDARY, check, cloudwatchAnswer, globalCluster, healthyPair, observations } from './fixtures.ts';

describe('validateReadiness', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('reports ready, with every check passing, for a healthy pair', async () => {
    // Act
    const report = await validateReadiness(pair.deps);

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
    expect(pair.metrics.value('FailoverReady')).toBe(1);
    expect(pair.metrics.value('RpoLagMs')).toBe(850);
    expect(pair.metrics.value('GlobalDbReplicationLagMs')).toBe(95);
    expect(pair.metrics.value('S3FailedReplicationOperations')).toBe(0);
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
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(report.ready).toBe(true);
    expect(check(report, 'rpo-lag')).toMatchObject({ rpoLagMs: 400 });
    expect(check(report, 'global-cluster')).toMatchObject({ writerRegion: SECONDARY });
  });
});
