// sync: make this region's local mirror agree with the authority. Runs every minute (EventBridge, in
// each region) and from the state machine's activation step; it is how a region that comes back after
// a failover is fenced again.
//
//   own routing control | writer (DescribeGlobalClusters here) | switches
//   On                  | this cluster is the writer           | on
//   On                  | another cluster is (or none)         | off
//   Off                 | not read                             | off
//   unreadable on every endpoint                               | nothing changes
//   On                  | DescribeGlobalClusters failed        | nothing changes
// The last row errs on the side of serving: a passing failure of the RDS API must not take the active
// region out of service every minute, and the processor and health still ask the database itself.
// Only what differs is written.
import { DescribeGlobalClustersCommand, type RDSClient } from '@aws-sdk/client-rds';
import { describeError } from '../../shared/aws.ts';
import { readRoutingControl } from '../../shared/arc.ts';
import type { SyncRequest } from '../request.ts';
import { allOk, setSwitches, untouched, type SwitchClients, type SwitchOutcomes } from '../switches.ts';
import type { Authority } from './authorize.ts';

/** This region's switches, and RDS in this region. */
export interface SyncClients extends SwitchClients {
  rds: Pick<RDSClient, 'send'>;
}

export interface SyncResult extends SwitchOutcomes {
  action: 'sync';
  region: string;
  /** This region's routing control, or unknown when no endpoint answered. */
  authority: 'On' | 'Off' | 'unknown';
  /** Whether this region's cluster is the global writer; null when not read or unreadable. */
  writer: boolean | null;
  /** The decision applied: switches on (true) or off (false); null when nothing was decided. */
  active: boolean | null;
  /** True when all three switches now agree with `active`. */
  synced: boolean;
  error?: string;
}

async function isWriter(rds: SyncClients['rds'], globalClusterId: string, clusterArn: string): Promise<{ writer: boolean } | { error: string }> {
  try {
    const out = await rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: globalClusterId }));
    const members = out.GlobalClusters?.[0]?.GlobalClusterMembers ?? [];
    return { writer: members.some((m) => m.DBClusterArn === clusterArn && m.IsWriter === true) };
  } catch (error) {
    return { error: `DescribeGlobalClusters ${globalClusterId}: ${describeError(error)}` };
  }
}

export async function syncRegion(request: SyncRequest, clients: SyncClients, authority: Authority): Promise<SyncResult> {
  const base = { action: 'sync' as const, region: request.region };
  const undecided = (authorityState: SyncResult['authority'], writer: boolean | null, error: string): SyncResult => ({
    ...base,
    authority: authorityState,
    writer,
    active: null,
    synced: false,
    ...untouched(request, error),
    error,
  });

  const arn = authority.routingControlArns[request.region];
  if (!arn) return undecided('unknown', null, `no routing control configured for ${request.region}`);
  const control = await readRoutingControl(authority.arc, arn);
  if (!control.ok) return undecided('unknown', null, `the authority could not be read: ${control.error}`);

  let writer: boolean | null = null;
  let active: boolean;
  if (control.value === 'Off') active = false;
  else {
    const role = await isWriter(clients.rds, request.globalClusterId, request.clusterArn);
    if ('error' in role) return undecided('On', null, `the writer could not be read: ${role.error}`);
    writer = role.writer;
    active = role.writer;
  }
  const switches = await setSwitches(clients, request, active, true);
  const synced = allOk(switches);
  return {
    ...base,
    authority: control.value,
    writer,
    active,
    synced,
    ...switches,
    ...(synced ? {} : { error: 'some switches could not be set; the next sync retries them' }),
  };
}
