// dynamodb-replicas: DescribeTable of the sessions table (this region, else the peer): the table is
// ACTIVE and so is its replica in the other region of the pair.
import { DescribeTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import { failed, fromEitherRegion } from '../regions.ts';

export async function checkDynamodbReplicas(deps: ValidatorDeps): Promise<ReadinessCheck> {
  const name = 'dynamodb-replicas';
  const table = deps.settings.sessionsTable;
  try {
    const { value, region } = await fromEitherRegion(deps, 'dynamodb:DescribeTable', (c) => c.dynamodb.send(new DescribeTableCommand({ TableName: table })));
    const description: TableDescription = value.Table ?? {};
    const problems: string[] = [];
    if (description.TableStatus !== 'ACTIVE') problems.push(`${table} in ${region} is ${description.TableStatus ?? 'unknown'}`);
    const replicas = description.Replicas ?? [];
    for (const r of [deps.local.region, deps.peer.region]) {
      if (r === region) {
        // The table's own region may or may not be listed among its replicas; its status is the table's.
        const self = replicas.find((x) => x.RegionName === r);
        if (self && self.ReplicaStatus !== 'ACTIVE') problems.push(`replica in ${r} is ${self.ReplicaStatus}`);
        continue;
      }
      const replica = replicas.find((x) => x.RegionName === r);
      if (!replica) problems.push(`no replica in ${r}`);
      else if (replica.ReplicaStatus !== 'ACTIVE') problems.push(`replica in ${r} is ${replica.ReplicaStatus}`);
    }
    const listed = replicas.map((x) => `${x.RegionName}:${x.ReplicaStatus}`).join(', ') || 'none';
    return { name, ok: problems.length === 0, detail: problems.length === 0 ? `${table} ACTIVE; replicas ${listed}` : `${problems.join('; ')} (replicas ${listed})` };
  } catch (error) {
    return failed(name, error);
  }
}
