// restore: undoes a fence when a recovery stops before its promotion (a switchover whose fence failed,
// a promotion that was refused): the authority back to the peer, then its switches on.
//
// It first checks that restoring is right, from this region's RDS endpoint (DescribeGlobalClusters):
// the peer's cluster must still be the global writer, and no switchover or failover may be pending or
// in progress (FailoverState absent). Otherwise nothing changes and the result says why. A second
// recovery whose promotion is refused because a first one is still running must not move the
// authority back to the region that first recovery is leaving. The one exception: the recovery's own
// promotion timed out with the peer still the writer (ownPromotionTimedOut). That operation may never
// finish, and leaving the authority on a region that is not the writer would leave nobody serving.
//
// Then, in order: authorize the peer on ARC (its control On, this region's Off), its serving flag
// "true" (a fresh write, so a fresh lease), its API stage variable `active` "true". If the authorize
// fails, the switches stay as they are. If a switch fails after the authorize, the peer's own sync
// sets it within a minute (its control is On and its cluster the writer).
import type { RDSClient } from '@aws-sdk/client-rds';
import type { RestoreRequest } from '../request.ts';
import { readGlobalCluster, isWriterIn, operationInProgress, writerOf } from '../global-cluster.ts';
import { setServingFlag, setStageActive, untouched, stageUntouched, type ApiOutcome, type ServingFlagOutcome } from '../switches.ts';
import { authorizeRegion, type Authority, type AuthorizeResult } from './authorize.ts';
import type { FenceClients } from './fence.ts';

/** What the check before the restore saw. */
export interface RestoreCheck {
  /** Whether the peer's cluster is the global writer; null when RDS could not be read. */
  peerWriter: boolean | null;
  /** FailoverState.Status of the global cluster; null when none is under way or RDS could not be read. */
  operation: string | null;
}

export interface RestoreResult {
  action: 'restore';
  region: string;
  /** True only when the check passed, the authority names the peer again and both switches are on. */
  restored: boolean;
  /** Why it was not restored (check refused, authorize failed, or a switch failed). */
  reason?: string;
  check: RestoreCheck;
  /** The authorize of the peer region; absent when the check refused (nothing was attempted). */
  authority?: AuthorizeResult;
  servingFlag: ServingFlagOutcome;
  api: ApiOutcome;
}

export async function restoreRegion(request: RestoreRequest, peer: FenceClients, authority: Authority, ownRds: Pick<RDSClient, 'send'>): Promise<RestoreResult> {
  const base = { action: 'restore' as const, region: request.region };
  const refused = (check: RestoreCheck, reason: string): RestoreResult => ({ ...base, restored: false, reason, check, ...untouched(request, reason) });

  const view = await readGlobalCluster(ownRds, request.globalClusterId);
  if ('error' in view) return refused({ peerWriter: null, operation: null }, `nothing changed: whether restoring ${request.region} is right could not be checked: ${view.error}`);
  const operation = operationInProgress(view);
  const peerWriter = isWriterIn(view, request.peerClusterArn);
  const check: RestoreCheck = { peerWriter, operation: operation ?? null };
  const why: string[] = [];
  if (operation && !request.ownPromotionTimedOut) {
    const s = view.failoverState;
    const kind = s?.IsDataLossAllowed === true ? 'failover' : s?.IsDataLossAllowed === false ? 'switchover' : 'switchover or failover';
    why.push(`a ${kind} of ${request.globalClusterId} is in progress (FailoverState.Status "${operation}", from ${s?.FromDbClusterArn ?? 'unknown'} to ${s?.ToDbClusterArn ?? 'unknown'})`);
  }
  if (!peerWriter) why.push(`${request.peerClusterArn} is not the writer of ${request.globalClusterId} (the writer is ${writerOf(view) ?? 'none'})`);
  if (why.length > 0) return refused(check, `nothing changed: ${why.join('; ')}`);

  const authorized = await authorizeRegion(request, authority);
  if (!authorized.authorized) {
    const reason = `the authority did not make ${request.region} active (${authorized.error ?? 'not authorized'}); its switches were left as they are`;
    return { ...base, restored: false, reason, check, authority: authorized, ...untouched(request, reason) };
  }
  const servingFlag = await setServingFlag(peer.ssm, request.servingParameter, 'true');
  const api = servingFlag.ok
    ? await setStageActive(peer.apiGateway, request.restApiId, request.stageName, 'true')
    : stageUntouched(request, 'the serving flag could not be set first');
  const restored = servingFlag.ok && api.ok;
  return {
    ...base,
    restored,
    ...(restored ? {} : { reason: `the authority names ${request.region} again, but not every switch could be set; its own sync sets them within a minute` }),
    check,
    authority: authorized,
    servingFlag,
    api,
  };
}
