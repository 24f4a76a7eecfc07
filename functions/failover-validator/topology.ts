// The global cluster as DescribeGlobalClusters reports it: its members, their regions, and which one
// writes. Described once per report; the cluster checks measure it and the checks that must agree
// with the writer (route53-health-checks, trade-processing) follow it.
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import type { ValidatorDeps } from './check.ts';
import { CallError, fromEitherRegion } from './regions.ts';

export interface Member {
  arn: string;
  region: string;
  clusterId: string;
  isWriter: boolean;
  synchronizationStatus?: string;
}

export interface Topology {
  status: string;
  engine: string;
  engineVersion: string;
  members: Member[];
  writer?: Member;
  describedIn: string;
}

function parseClusterArn(arn: string): { region: string; clusterId: string } | undefined {
  const m = /^arn:aws[a-z-]*:rds:([a-z0-9-]+):\d{12}:cluster:(.+)$/.exec(arn);
  return m ? { region: m[1]!, clusterId: m[2]! } : undefined;
}

export async function describeTopology(deps: ValidatorDeps): Promise<Topology> {
  const { value, region } = await fromEitherRegion(deps, 'rds:DescribeGlobalClusters', (c) =>
    c.rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: deps.settings.globalClusterId })),
  );
  const global = value.GlobalClusters?.[0];
  if (!global) throw new CallError(`global cluster ${deps.settings.globalClusterId} not found (asked in ${region})`);
  const members: Member[] = [];
  for (const m of global.GlobalClusterMembers ?? []) {
    const parsed = m.DBClusterArn ? parseClusterArn(m.DBClusterArn) : undefined;
    if (!parsed) throw new CallError(`global cluster member with an unreadable ARN: ${m.DBClusterArn ?? '(none)'}`);
    members.push({ arn: m.DBClusterArn!, ...parsed, isWriter: m.IsWriter === true, synchronizationStatus: m.SynchronizationStatus });
  }
  return {
    status: global.Status ?? 'unknown',
    engine: global.Engine ?? 'unknown',
    engineVersion: global.EngineVersion ?? 'unknown',
    members,
    writer: members.find((m) => m.isWriter),
    describedIn: region,
  };
}
