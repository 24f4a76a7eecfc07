// Keeps the old primary's data after an unplanned global failover. When the lost region returns,
// Aurora tries to snapshot the old primary's storage volume at the point of failure, in that region,
// as "rds:unplanned-global-failover-<old primary cluster>-<timestamp>", before it rebuilds the cluster as
// a secondary. The snapshot is a system snapshot kept only for the old cluster's backup retention
// period, so it is copied to a manual snapshot, which stays until someone deletes it.
// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html
// ("Recovering an Amazon Aurora global database from an unplanned outage").
//
// The snapshot lives in the old primary's region, which may be the region that is gone. This module
// calls that region only when the active region's view of the global cluster shows the old primary's
// cluster back as a connected member (Aurora adds it back as soon as the region is available again);
// otherwise it calls nothing there and says what to run once it is back.
import {
  CopyDBClusterSnapshotCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeGlobalClustersCommand,
  type DBClusterSnapshot,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { UserError } from '../core/errors.ts';

export const SNAPSHOT_PREFIX = 'rds:unplanned-global-failover-';

export interface SnapshotTarget {
  env: string;
  globalClusterId: string;
  /** The region now active (its RDS answers the global cluster's topology). */
  activeRegion: string;
  /** The old primary: the other region of the environment, and its member cluster. */
  oldRegion: string;
  oldClusterId: string;
  oldClusterArn: string;
  /** regional_database.backup_retention_days: how long the system snapshot is kept. */
  retentionDays?: number | undefined;
}

export interface SnapshotRef {
  id: string;
  arn?: string | undefined;
  createdAt?: string | undefined;
  status?: string | undefined;
}

export type SnapshotOutcome = {
  /** Where the snapshot lives, and whether this run could call it. */
  region: string;
  reachable: boolean;
  instructions: string[];
} & (
  | { status: 'copied'; source: SnapshotRef; target: string }
  | { status: 'already-copied'; source: SnapshotRef; target: string }
  | { status: 'not-available'; source: SnapshotRef }
  | { status: 'missing' }
  | { status: 'lost-region'; reason: string }
);

/**
 * The manual copy's identifier: 1-63 letters, digits or hyphens, a letter first, no "--", no hyphen
 * at the end (CopyDBClusterSnapshotMessage.TargetDBClusterSnapshotIdentifier in @aws-sdk/client-rds).
 * Derived from the source only, so a second run finds the copy it made instead of making another.
 */
export function manualCopyId(oldClusterId: string, createdAt: Date | undefined, sourceId: string): string {
  const stamp = createdAt
    ? createdAt.toISOString().slice(0, 16).replace(/[-:]/g, '').toLowerCase()
    : sourceId.slice(SNAPSHOT_PREFIX.length + oldClusterId.length).replace(/[^a-z0-9]/gi, '').toLowerCase();
  const suffix = `-lost-writes-${stamp || 'unknown'}`;
  const base = oldClusterId.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63 - suffix.length);
  const id = `${base}${suffix}`.replace(/-{2,}/g, '-').replace(/-+$/, '');
  return /^[a-z]/.test(id) ? id : `s${id}`.slice(0, 63);
}

function handCommands(t: SnapshotTarget, sourceId = `${SNAPSHOT_PREFIX}${t.oldClusterId}-<timestamp>`): string[] {
  return [
    `aws rds describe-db-cluster-snapshots --region ${t.oldRegion} --query "DBClusterSnapshots[?starts_with(DBClusterSnapshotIdentifier, '${SNAPSHOT_PREFIX}${t.oldClusterId}')]"`,
    `aws rds copy-db-cluster-snapshot --region ${t.oldRegion} --source-db-cluster-snapshot-identifier ${sourceId} --target-db-cluster-snapshot-identifier ${t.oldClusterId}-lost-writes-<yyyymmddthhmm> --copy-tags`,
  ];
}

const retention = (t: SnapshotTarget) =>
  `It is a system snapshot, deleted when the old cluster's backup retention period ends (${t.retentionDays !== undefined ? `${t.retentionDays} days in this environment` : 'regional_database.backup_retention_days'}): copy it before then.`;

/** Finds the old primary's failover snapshot and copies it to a manual snapshot in the same region. */
export async function secureFailoverSnapshot(rds: (region: string) => RDSClient, t: SnapshotTarget): Promise<SnapshotOutcome> {
  const rerun = `make reconcile ENV=${t.env} LIVE=1 REGION=${t.activeRegion} COPY_SNAPSHOT=1`;
  let members;
  try {
    const out = await rds(t.activeRegion).send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: t.globalClusterId }));
    members = out.GlobalClusters?.[0]?.GlobalClusterMembers ?? [];
  } catch (error) {
    if ((error as Error).name === 'GlobalClusterNotFoundFault') throw new UserError(`Global cluster ${t.globalClusterId} does not exist (RDS in ${t.activeRegion}).`);
    throw new UserError(`RDS in ${t.activeRegion} did not describe global cluster ${t.globalClusterId}: ${(error as Error).name}: ${(error as Error).message}`);
  }
  const old = members.find((m) => m.DBClusterArn === t.oldClusterArn);
  if (old?.IsWriter) {
    throw new UserError(`${t.oldClusterId} in ${t.oldRegion} is the global writer, so ${t.activeRegion} is not the active region: pass REGION=${t.oldRegion}.`);
  }
  if (!old || old.SynchronizationStatus !== 'connected') {
    const reason = old
      ? `${t.oldClusterId} is a member of ${t.globalClusterId} again but not yet connected (${old.SynchronizationStatus ?? 'no status'}): Aurora is still rebuilding it`
      : `${t.oldClusterId} is not a member of ${t.globalClusterId}: ${t.oldRegion} has not returned`;
    return {
      status: 'lost-region',
      region: t.oldRegion,
      reachable: false,
      reason,
      instructions: [
        `The snapshot of the old primary (${SNAPSHOT_PREFIX}${t.oldClusterId}-<timestamp>) lives in ${t.oldRegion}, which this run did not call: ${reason}.`,
        `Aurora takes it when ${t.oldRegion} is available again, before it rebuilds ${t.oldClusterId} as a secondary. ${retention(t)}`,
        `Once ${t.oldClusterId} shows as a connected member (aws rds describe-global-clusters --region ${t.activeRegion} --global-cluster-identifier ${t.globalClusterId}), run: ${rerun}`,
        `Or by hand, in ${t.oldRegion}: ${handCommands(t).join(' ; then ')}`,
      ],
    };
  }

  const found: DBClusterSnapshot[] = [];
  let marker: string | undefined;
  try {
    do {
      // No SnapshotType: AWS then returns the automated and the manual snapshots, and the system
      // snapshot is looked for by its documented name.
      const page = await rds(t.oldRegion).send(new DescribeDBClusterSnapshotsCommand({ Marker: marker, MaxRecords: 100 }));
      for (const s of page.DBClusterSnapshots ?? []) {
        if (s.DBClusterSnapshotIdentifier?.startsWith(`${SNAPSHOT_PREFIX}${t.oldClusterId}-`)) found.push(s);
      }
      marker = page.Marker;
    } while (marker);
  } catch (error) {
    throw new UserError(`RDS in ${t.oldRegion} did not list the DB cluster snapshots: ${(error as Error).name}: ${(error as Error).message}`);
  }
  const newest = found.sort((a, b) => (b.SnapshotCreateTime?.getTime() ?? 0) - (a.SnapshotCreateTime?.getTime() ?? 0))[0];
  if (!newest) {
    return {
      status: 'missing',
      region: t.oldRegion,
      reachable: true,
      instructions: [
        `No ${SNAPSHOT_PREFIX}${t.oldClusterId}-* snapshot in ${t.oldRegion}. Aurora only attempts it, when it rebuilds the old primary after an unplanned failover; check the cluster's RDS events in ${t.oldRegion} for the outcome.`,
        `Without it, the orders lost with ${t.oldRegion} are known only from the replicated records listed in this report and from the clients' own records.`,
      ],
    };
  }
  const source: SnapshotRef = {
    id: newest.DBClusterSnapshotIdentifier!,
    arn: newest.DBClusterSnapshotArn,
    createdAt: newest.SnapshotCreateTime?.toISOString(),
    status: newest.Status,
  };
  if (newest.Status !== 'available') {
    return {
      status: 'not-available',
      region: t.oldRegion,
      reachable: true,
      source,
      instructions: [`${source.id} in ${t.oldRegion} is ${newest.Status ?? 'in an unknown state'}; a snapshot can be copied once it is available. ${retention(t)} Run again: ${rerun}`],
    };
  }
  const target = manualCopyId(t.oldClusterId, newest.SnapshotCreateTime, source.id);
  const kept = [
    `Restore ${target} as a separate cluster in ${t.oldRegion} (aws rds restore-db-cluster-from-snapshot), and read the orders it holds that the writer lacks; the copy stays until it is deleted.`,
  ];
  try {
    // Same region, same account: no KmsKeyId, so the copy is encrypted with the source's key (the
    // cluster's regional CMK); PreSignedUrl is only for copies between regions.
    await rds(t.oldRegion).send(
      new CopyDBClusterSnapshotCommand({
        SourceDBClusterSnapshotIdentifier: source.id,
        TargetDBClusterSnapshotIdentifier: target,
        CopyTags: true,
        Tags: [
          { Key: 'purpose', Value: 'unplanned-global-failover' },
          { Key: 'source-snapshot', Value: source.id },
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'DBClusterSnapshotAlreadyExistsFault') {
      return { status: 'already-copied', region: t.oldRegion, reachable: true, source, target, instructions: [`${target} already exists in ${t.oldRegion}: an earlier run copied ${source.id}.`, ...kept] };
    }
    throw new UserError(`RDS in ${t.oldRegion} did not copy ${source.id} to ${target}: ${(error as Error).name}: ${(error as Error).message}`);
  }
  return { status: 'copied', region: t.oldRegion, reachable: true, source, target, instructions: [`Copied ${source.id} to the manual snapshot ${target} in ${t.oldRegion}.`, ...kept] };
}
