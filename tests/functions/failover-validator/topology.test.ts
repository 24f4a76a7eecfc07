// describeTopology (functions/failover-validator/topology.ts): either region can describe the global cluster.
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../functions/failover-validator/core.ts';
import { check, healthyPair } from './fixtures.ts';

describe('global cluster topology', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('describes the global cluster through the peer when this region cannot', async () => {
    // Prepare
    m.localRds.on(DescribeGlobalClustersCommand).rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }));

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(check(report, 'global-cluster').ok).toBe(true);
    expect(m.peerRds).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, { GlobalClusterIdentifier: 'trading-test' });
  });
});
