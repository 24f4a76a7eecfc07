// global-cluster (functions/failover-validator/checks/global-cluster.ts), through the whole report.
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { PRIMARY, SECONDARY, check, failing, globalCluster, healthyPair } from '../fixtures.ts';

describe('global-cluster', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('is not ready when the secondary needs a resync', async () => {
    // Prepare
    m.localRds.on(DescribeGlobalClustersCommand).resolves(globalCluster(PRIMARY, { sync: 'pending-resync' }));

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['global-cluster']);
    expect(check(report, 'global-cluster').detail).toMatch(`trading-test-${SECONDARY} (${SECONDARY}) is pending-resync`);
  });
});
