// The Aurora global cluster as RDS describes it in this function's own region: which member is the
// writer, and whether a switchover or failover is under way. sync asks whether this region's cluster
// is the writer; restore asks whether the peer's still is, with nothing running that could change it.
import { DescribeGlobalClustersCommand, type FailoverState, type GlobalClusterMember, type RDSClient } from '@aws-sdk/client-rds';
import { describeError } from '../shared/aws.ts';

export interface GlobalClusterView {
  members: GlobalClusterMember[];
  /**
   * FailoverState, present while a SwitchoverGlobalCluster or FailoverGlobalCluster is pending or in
   * progress ("This object is empty unless the SwitchoverGlobalCluster or FailoverGlobalCluster
   * operation was called on this global cluster", GlobalCluster.FailoverState in the RDS API).
   */
  failoverState?: FailoverState;
}

export async function readGlobalCluster(rds: Pick<RDSClient, 'send'>, globalClusterId: string): Promise<GlobalClusterView | { error: string }> {
  try {
    const out = await rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: globalClusterId }));
    const cluster = out.GlobalClusters?.find((c) => c.GlobalClusterIdentifier === globalClusterId) ?? out.GlobalClusters?.[0];
    if (!cluster) return { error: `DescribeGlobalClusters ${globalClusterId}: no such global cluster` };
    return { members: cluster.GlobalClusterMembers ?? [], ...(cluster.FailoverState ? { failoverState: cluster.FailoverState } : {}) };
  } catch (error) {
    return { error: `DescribeGlobalClusters ${globalClusterId}: ${describeError(error)}` };
  }
}

/** Whether `clusterArn` is the global cluster's writer. */
export function isWriterIn(view: GlobalClusterView, clusterArn: string): boolean {
  return view.members.some((m) => m.DBClusterArn === clusterArn && m.IsWriter === true);
}

/** The writer's cluster ARN, if any member is the writer. */
export function writerOf(view: GlobalClusterView): string | undefined {
  return view.members.find((m) => m.IsWriter === true)?.DBClusterArn;
}

/**
 * The status of the switchover or failover under way, or undefined when none is. What the models say
 * of FailoverState.Status:
 *   - aws-sdk/apis/rds-2014-10-31.min.json (aws-sdk 2.1693.0) types it as a plain string: the minified
 *     model carries no enum;
 *   - @aws-sdk/client-rds 3.1169.0 (dist-types/models/enums.d.ts) has the enum FailoverStatus:
 *     "pending", "failing-over", "cancelling";
 *   - its documentation of FailoverState.Status lists those and "switching-over" (demoting the primary,
 *     promoting the secondary, synchronizing replicas).
 * Each of them is an operation still moving the writer (cancelling moves it back), so any status
 * counts as in progress, one that no model lists yet included.
 */
export function operationInProgress(view: GlobalClusterView): string | undefined {
  const status = view.failoverState?.Status;
  return typeof status === 'string' && status.trim() !== '' ? status : undefined;
}
