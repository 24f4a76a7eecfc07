// sync: make this region's local mirror agree with the authority. Runs every minute (EventBridge, in
// each region) and from the state machine's activation step; it is how a region that comes back after
// a failover is fenced again, and what keeps the active region's serving flag within its lease.
//
//   own routing control | writer (DescribeGlobalClusters here) | serving flag              | stage variable
//   On                  | this cluster is the writer           | "true", always rewritten  | "true" if it differs
//   On                  | another cluster is (or none)         | "false" if it differs     | "false" if it differs
//   Off                 | not read                             | "false" if it differs     | "false" if it differs
//   On                  | DescribeGlobalClusters failed        | rewritten only if "true"  | unchanged
//   unreadable on every endpoint                               | unchanged                 | unchanged
// The rewrite of an active region's flag renews its lease (shared/serving-flag.ts): the processor and
// health count the flag only while it was written at most SERVING_LEASE_SECONDS ago. If the writer
// cannot be read, the lease of a region that is already serving is renewed (a passing RDS API failure
// must not take the active region out; the processor and health still ask the database itself), but
// nothing is turned on. If ARC cannot be read, nothing is written at all, and the lease runs out: a
// region that cannot confirm itself with the authority stops counting as active (fail safe).
//
// The per-minute sync also carries the watchdog (request.reclaim, actions/reclaim.ts): a region whose
// control is Off but whose cluster is still the writer, turned off for longer than any recovery can
// run while the peer does not serve, takes the authority back and switches itself on.
import type { RDSClient } from '@aws-sdk/client-rds';
import { readRoutingControl } from '../../shared/arc.ts';
import { describeError } from '../../shared/aws.ts';
import { isWriterIn, readGlobalCluster } from '../global-cluster.ts';
import type { SyncRequest } from '../request.ts';
import { allOk, flagUntouched, readServingFlag, setServingFlag, setStageActive, stageUntouched, untouched, type SwitchClients, type SwitchOutcomes } from '../switches.ts';
import type { Authority } from './authorize.ts';
import { reclaimIfAbandoned, type ReclaimDeps, type ReclaimOutcome } from './reclaim.ts';

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
  /** True when both switches now agree with `active` (and, when active, the lease was renewed). */
  synced: boolean;
  /** The watchdog's verdict, when it ran (control Off, request.reclaim given). */
  reclaim?: ReclaimOutcome;
  error?: string;
}

/** ARC On, the writer unreadable: renew the flag's lease only if it already says "true". */
async function renewIfServing(clients: SyncClients, request: SyncRequest, why: string): Promise<SwitchOutcomes> {
  const api = stageUntouched(request, why);
  let before: string | undefined;
  try {
    before = await readServingFlag(clients.ssm, request.servingParameter);
  } catch (error) {
    return { servingFlag: flagUntouched(request.servingParameter, `${why}, and the flag could not be read (${describeError(error)})`), api };
  }
  if (before !== 'true') return { servingFlag: { ...flagUntouched(request.servingParameter, `${why}, and the flag is not "true"`), ...(before !== undefined ? { before } : {}) }, api };
  const written = await setServingFlag(clients.ssm, request.servingParameter, 'true', 'write');
  return { servingFlag: { ...written, before, changed: written.ok }, api };
}

export async function syncRegion(request: SyncRequest, clients: SyncClients, authority: Authority, watchdog?: ReclaimDeps): Promise<SyncResult> {
  const base = { action: 'sync' as const, region: request.region };
  const undecided = (authorityState: SyncResult['authority'], error: string, switches: SwitchOutcomes = untouched(request, error)): SyncResult => ({
    ...base,
    authority: authorityState,
    writer: null,
    active: null,
    synced: false,
    ...switches,
    error,
  });

  const arn = authority.routingControlArns[request.region];
  if (!arn) return undecided('unknown', `no routing control configured for ${request.region}`);
  const control = await readRoutingControl(authority.arc, arn);
  if (!control.ok) return undecided('unknown', `the authority could not be read: ${control.error}`);

  let writer: boolean | null = null;
  let active: boolean;
  let reclaim: ReclaimOutcome | undefined;
  if (control.value === 'Off' && request.reclaim && watchdog) reclaim = await reclaimIfAbandoned(request, request.reclaim, clients, authority, watchdog);
  if (control.value === 'Off' && !reclaim?.reclaimed) active = false;
  else {
    const view = await readGlobalCluster(clients.rds, request.globalClusterId);
    if ('error' in view) {
      const error = `the writer could not be read: ${view.error}`;
      const switches = await renewIfServing(clients, request, error);
      return undecided('On', `${error}; ${switches.servingFlag.ok ? 'the serving flag\'s lease was renewed, as it already said "true"' : 'nothing was changed'}`, switches);
    }
    writer = isWriterIn(view, request.clusterArn);
    active = writer;
  }
  const value = active ? 'true' : 'false';
  const [servingFlag, api] = await Promise.all([
    setServingFlag(clients.ssm, request.servingParameter, value, active ? 'refresh' : 'if-different'),
    setStageActive(clients.apiGateway, request.restApiId, request.stageName, value, true),
  ]);
  const switches = { servingFlag, api };
  const synced = allOk(switches);
  return {
    ...base,
    authority: reclaim?.reclaimed ? 'On' : control.value,
    writer,
    active,
    synced,
    ...(reclaim ? { reclaim } : {}),
    ...switches,
    ...(synced ? {} : { error: 'some switches could not be set; the next sync retries them' }),
  };
}
