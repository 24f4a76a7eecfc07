// dynamodb-replicas (functions/failover-validator/checks/dynamodb-replicas.ts), through the whole report.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { SECONDARY, SETTINGS, check, failing, healthyPair } from '../fixtures.ts';

describe('dynamodb-replicas', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('is not ready when the sessions table has lost its replica in the peer region', async () => {
    // Prepare
    m.localDdb.on(DescribeTableCommand).resolves({ Table: { TableName: SETTINGS.sessionsTable, TableStatus: 'ACTIVE', Replicas: [] } });

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['dynamodb-replicas']);
    expect(check(report, 'dynamodb-replicas').detail).toBe(`no replica in ${SECONDARY} (replicas none)`);
  });
});
