// s3-replication (functions/failover-validator/checks/s3-replication.ts), through the whole report.
import { GetBucketReplicationCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { SETTINGS, check, failing, healthyPair, replicationRule } from '../fixtures.ts';

describe('s3-replication', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('is not ready when a bucket has no replication configuration, or replicates without RTC', async () => {
    // Prepare
    m.s3
      .on(GetBucketReplicationCommand, { Bucket: SETTINGS.configBucket })
      .rejects(new S3ServiceException({ name: 'ReplicationConfigurationNotFoundError', message: 'The replication configuration was not found', $fault: 'client', $metadata: {} }));
    m.s3
      .on(GetBucketReplicationCommand, { Bucket: SETTINGS.auditBucket })
      .resolves({ ReplicationConfiguration: { Role: 'r', Rules: [replicationRule(SETTINGS.auditBucket, { Destination: { Bucket: 'arn:aws:s3:::elsewhere' } })] } } as never);

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['s3-replication']);
    expect(check(report, 's3-replication').detail).toBe(
      `${SETTINGS.configBucket} has no replication configuration; ${SETTINGS.auditBucket} rule replicate-to-us-east-2 lacks Replication Time Control; ${SETTINGS.auditBucket} rule replicate-to-us-east-2 lacks replication metrics`,
    );
  });
});
