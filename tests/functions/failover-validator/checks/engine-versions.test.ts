// engine-versions (functions/failover-validator/checks/engine-versions.ts), through the whole report.
import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { SECONDARY, check, failing, healthyPair } from '../fixtures.ts';

describe('engine-versions', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('is not ready when a member runs another engine version', async () => {
    // Prepare
    m.peerRds.on(DescribeDBClustersCommand).resolves({ DBClusters: [{ EngineVersion: '16.2', Status: 'available' }] });

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['engine-versions']);
    expect(check(report, 'engine-versions').detail).toBe(`trading-test-${SECONDARY} (${SECONDARY}): engine 16.2 differs from the global 16.4`);
  });
});
