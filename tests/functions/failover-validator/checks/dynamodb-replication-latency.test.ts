// dynamodb-replication-latency (functions/failover-validator/checks/dynamodb-replication-latency.ts),
// through the whole report.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { PRIMARY, SECONDARY, SETTINGS, check, cloudwatchAnswer, failing, healthyPair } from '../fixtures.ts';

describe('dynamodb-replication-latency', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('is not ready when session replication lags beyond the threshold', async () => {
    // Prepare
    m.peerCw.on(GetMetricDataCommand).callsFake(
      cloudwatchAnswer([
        { metric: 'AuroraGlobalDBRPOLag', dims: { DBClusterIdentifier: `trading-test-${SECONDARY}` }, values: [850] },
        { metric: 'ReplicationLatency', dims: { TableName: SETTINGS.sessionsTable, ReceivingRegion: PRIMARY }, values: [7_500] },
      ]),
    );

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['dynamodb-replication-latency']);
    expect(check(report, 'dynamodb-replication-latency')).toMatchObject({
      detail: `${PRIMARY}->${SECONDARY}: 120 ms; ${SECONDARY}->${PRIMARY}: 7500 ms exceeds 2000 ms`,
      latencyMs: 7_500,
    });
  });
});
