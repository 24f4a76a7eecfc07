// reclaim: the watchdog of a recovery that cannot end. A recovery runs in the region it activates. If
// that region is lost after the authority moved to it and the old region was fenced, but before its
// promotion, the execution can neither finish, restore the old region nor notify: no process in the
// lost region can. The old region is still the writer and turned off, and nothing else would turn it
// back on. Its own sync (every minute) therefore checks, while its routing control is Off:
//   1. this cluster is the global writer, with no switchover or failover pending or in progress (RDS
//      here: the promotion never happened and none is under way);
//   2. the serving flag here has said "false" for at least `reclaimAfterSeconds`: the state machine's
//      execution timeout, so no execution that moved the authority can still be running (Step
//      Functions ends an execution at its TimeoutSeconds) and the recovery is over, whatever it did;
//   3. the peer does not serve: its serving flag is not "true" within its lease, or cannot be read.
// Then it makes itself the active region on ARC (its control On, the peer's Off, one atomic batch), and
// the sync goes on to switch it on. The handler logs the notice and publishes AuthorityReclaimed, whose
// alarm (failover-orchestrator's region module) tells the operations topic. A returning region that only
// thinks it is the writer (RDS's view there may trail a failover for a while) is held back by 2 (the
// flag was turned off on return, so the clock starts then) and by 3 (the region that took over serves).
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { RDSClient } from '@aws-sdk/client-rds';
import { describeError } from '../../shared/aws.ts';
import { flagVerdict, servingFlagRead, type ServingFlagRead } from '../../shared/serving-flag.ts';
import { isWriterIn, operationInProgress, readGlobalCluster, writerOf } from '../global-cluster.ts';
import type { ReclaimSettings, SyncRequest } from '../request.ts';
import { authorizeRegion, type Authority, type AuthorizeResult } from './authorize.ts';

/** What the watchdog needs beyond sync's own clients. */
export interface ReclaimDeps {
  /** The peer's SSM (its serving flag). */
  peerSsm: Pick<SSMClient, 'send'>;
  /** Epoch ms. */
  now: () => number;
}

export interface ReclaimCheck {
  /** This cluster is the writer with no operation under way; null when RDS could not be read. */
  writer: boolean | null;
  operation: string | null;
  /** Seconds the flag here has said "false"; null when it does not or cannot be read. */
  offForSeconds: number | null;
  /** Whether the peer serves (flag "true" within its lease); null when it could not be read. */
  peerServing: boolean | null;
}

export interface ReclaimOutcome {
  /** True only when the authority now names this region. */
  reclaimed: boolean;
  /** Why not, or what was done. */
  detail: string;
  check: ReclaimCheck;
  authority?: AuthorizeResult;
  /** For the operators, when the authority was taken back: what happened and what to do. */
  notice?: string;
}

async function readFlag(ssm: Pick<SSMClient, 'send'>, parameter: string): Promise<ServingFlagRead | { error: string }> {
  try {
    return servingFlagRead(await ssm.send(new GetParameterCommand({ Name: parameter })));
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** Runs the three checks, then reclaims. Never throws. */
export async function reclaimIfAbandoned(
  request: SyncRequest,
  watchdog: ReclaimSettings,
  own: { ssm: Pick<SSMClient, 'send'>; rds: Pick<RDSClient, 'send'> },
  authority: Authority,
  deps: ReclaimDeps,
): Promise<ReclaimOutcome> {
  const check: ReclaimCheck = { writer: null, operation: null, offForSeconds: null, peerServing: null };
  const no = (detail: string): ReclaimOutcome => ({ reclaimed: false, detail, check });

  const view = await readGlobalCluster(own.rds, request.globalClusterId);
  if ('error' in view) return no(`the writer could not be read: ${view.error}`);
  check.operation = operationInProgress(view) ?? null;
  check.writer = isWriterIn(view, request.clusterArn);
  if (!check.writer) return no(`not the writer (the writer is ${writerOf(view) ?? 'none'})`);
  if (check.operation) return no(`a switchover or failover is under way (FailoverState.Status "${check.operation}")`);

  const flag = await readFlag(own.ssm, request.servingParameter);
  if ('error' in flag) return no(`the serving flag could not be read: ${flag.error}`);
  if (flag.value !== 'false' || flag.lastModifiedMs === undefined) return no(`the serving flag is ${flag.value === undefined ? 'missing' : `"${flag.value}"`}${flag.lastModifiedMs === undefined ? ' without a write time' : ''}`);
  const nowMs = deps.now();
  check.offForSeconds = Math.max(0, Math.floor((nowMs - flag.lastModifiedMs) / 1000));
  if (check.offForSeconds < watchdog.afterSeconds) {
    return no(`the writer, turned off ${check.offForSeconds} s ago; a recovery may still be running until ${watchdog.afterSeconds} s`);
  }

  const peer = await readFlag(deps.peerSsm, watchdog.peerServingParameter);
  if ('error' in peer) check.peerServing = null;
  else check.peerServing = flagVerdict(peer, watchdog.peerLeaseSeconds, nowMs).active;
  if (check.peerServing === true) return no(`${watchdog.peerRegion} serves (its serving flag is "true" within its lease); this region's view of the writer is not trusted over it`);

  const authorized = await authorizeRegion({ region: request.region }, authority);
  const peerState = check.peerServing === null ? `${watchdog.peerRegion} could not be read (${'error' in peer ? peer.error : ''})` : `${watchdog.peerRegion} does not serve`;
  const facts = `${request.region}'s cluster is the writer with no switchover or failover under way, it has been turned off for ${check.offForSeconds} s (beyond the ${watchdog.afterSeconds} s execution timeout of the recovery state machine) while the authority named ${watchdog.peerRegion}, and ${peerState}`;
  if (!authorized.authorized) return { reclaimed: false, detail: `${facts}; reclaiming the authority failed: ${authorized.error ?? 'unknown error'}`, check, authority: authorized };

  const notice = [
    `${request.region} took the authority back: ${facts}.`,
    `A recovery into ${watchdog.peerRegion} moved the authority and fenced ${request.region}, then could not finish (most likely ${watchdog.peerRegion} was lost before its promotion). ${request.region} serves again within a minute.`,
    `When ${watchdog.peerRegion} is back: read its state machine's last execution, and start a new recovery into ${watchdog.peerRegion} only once it is healthy (make failover ENV=<env> MODE=switchover TARGET=${watchdog.peerRegion} REASON="..." LIVE=1).`,
  ].join(' ');
  return { reclaimed: true, detail: facts, check, authority: authorized, notice };
}
