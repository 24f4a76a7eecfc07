// engine-versions: DescribeDBClusters of each member, in its own region: the member runs the global
// cluster's engine version and is available.
import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import { call, clientsFor } from '../regions.ts';
import type { Topology } from '../topology.ts';

export async function checkEngineVersions(deps: ValidatorDeps, topology: Topology): Promise<ReadinessCheck> {
  const name = 'engine-versions';
  const results = await Promise.all(
    topology.members.map(async (m) => {
      const clients = clientsFor(deps, m.region);
      if (!clients) return `${m.clusterId}: in ${m.region}, which this validator has no clients for`;
      try {
        const out = await call(m.region, 'rds:DescribeDBClusters', () => clients.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: m.arn })));
        const cluster = out.DBClusters?.[0];
        if (!cluster) return `${m.clusterId} (${m.region}): not found`;
        const issues: string[] = [];
        if (cluster.EngineVersion !== topology.engineVersion) issues.push(`engine ${cluster.EngineVersion} differs from the global ${topology.engineVersion}`);
        if (cluster.Status !== 'available') issues.push(`status ${cluster.Status}`);
        return issues.length ? `${m.clusterId} (${m.region}): ${issues.join(', ')}` : undefined;
      } catch (error) {
        return (error as Error).message;
      }
    }),
  );
  const problems = results.filter((r): r is string => r !== undefined);
  if (topology.members.length === 0) problems.push('the global cluster has no members');
  return {
    name,
    ok: problems.length === 0,
    detail: problems.length === 0 ? `all ${topology.members.length} members run ${topology.engine} ${topology.engineVersion} and are available` : problems.join('; '),
    engineVersion: topology.engineVersion,
  };
}
