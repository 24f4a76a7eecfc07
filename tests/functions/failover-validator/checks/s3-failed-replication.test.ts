// s3-failed-replication (functions/failover-validator/checks/s3-failed-replication.ts), through the
// whole report.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { SECONDARY, SETTINGS, check, cloudwatchAnswer, failing, healthyPair } from '../fixtures.ts';

describe('s3-failed-replication', () => {
  const pair = healthyPair();
  const { m } = pair;

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
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['s3-failed-replication']);
    expect(check(report, 's3-failed-replication')).toMatchObject({
      detail: `${SETTINGS.auditBucket} -> ${destination}: 5 failed in the last 60 min`,
      failedOperations: 5,
    });
    expect(pair.metrics.value('S3FailedReplicationOperations')).toBe(5);
  });
});
