// rpo-lag (functions/failover-validator/checks/rpo-lag.ts), through the whole report.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { NOW, SECONDARY, check, cloudwatchAnswer, failing, healthyPair } from '../fixtures.ts';

describe('rpo-lag', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('reads the RPO lag in the secondary region, for the secondary cluster', async () => {
    // Act
    await validateReadiness(pair.deps);

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
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(report.ready).toBe(false);
    expect(failing(report)).toContain('rpo-lag');
    expect(check(report, 'rpo-lag').detail).toBe(`trading-test-${SECONDARY} (${SECONDARY}) RPO lag 45000 ms exceeds 30000 ms`);
    expect(pair.metrics.value('RpoLagMs')).toBe(45_000);
    expect(pair.metrics.value('FailoverReady')).toBe(0);
  });

  it('is not ready when the secondary publishes no RPO lag at all', async () => {
    // Prepare
    m.peerCw.on(GetMetricDataCommand).callsFake(cloudwatchAnswer([]));

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(check(report, 'rpo-lag')).toMatchObject({
      ok: false,
      detail: `no AuroraGlobalDBRPOLag datapoints for trading-test-${SECONDARY} in ${SECONDARY} in the last 10 min (is the secondary replicating?)`,
    });
  });
});
