// fence and restore: the peer region's local switches.
//   fence   - serving flag "false", trade-processor mappings disabled, stage variable active "false".
//             Best effort by design: the region may be unreachable, so every failure is reported.
//   restore - undoes a fence when a recovery stops before the promotion (a switchover whose fence
//             failed, a promotion that was refused): first the authority is moved back to the peer
//             (authorize), then its switches go on. The mirror only ever agrees with the authority,
//             so if the authority does not make the peer active its switches stay off.
import type { FenceRequest } from '../request.ts';
import { allOk, setSwitches, untouched, type SwitchClients, type SwitchOutcomes } from '../switches.ts';
import { authorizeRegion, type Authority, type AuthorizeResult } from './authorize.ts';

/** Clients bound to the peer region. */
export type FenceClients = SwitchClients;

export interface FenceResult extends SwitchOutcomes {
  action: 'fence';
  region: string;
  /** True only when the serving flag, trade processing and the API stage were all fenced. */
  fenced: boolean;
}

export interface RestoreResult extends SwitchOutcomes {
  action: 'restore';
  region: string;
  /** True only when the authority and all three switches were turned back to the peer. */
  restored: boolean;
  /** The authorize of the peer region that came first. */
  authority: AuthorizeResult;
}

/** Fences the peer region; the three switches are set concurrently and each reports its own outcome. */
export async function fenceRegion(request: FenceRequest, clients: FenceClients): Promise<FenceResult> {
  const switches = await setSwitches(clients, request, false);
  return { action: 'fence', region: request.region, fenced: allOk(switches), ...switches };
}

/** Undoes a fence of the peer region: the authority back to it, then its switches on. */
export async function restoreRegion(request: FenceRequest, clients: FenceClients, authority: Authority): Promise<RestoreResult> {
  const authorized = await authorizeRegion(request, authority);
  const switches = authorized.authorized
    ? await setSwitches(clients, request, true)
    : untouched(request, `the authority did not make ${request.region} active (${authorized.error ?? 'not authorized'})`);
  return { action: 'restore', region: request.region, restored: authorized.authorized && allOk(switches), authority: authorized, ...switches };
}
