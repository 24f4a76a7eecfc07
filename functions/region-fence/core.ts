// region-fence keeps the local mirror of the active-region authority in line with it. The authority is
// Route 53 ARC: one routing control per region, exactly one On (shared/arc.ts). Actions:
//   authorize  - make a region the active one on the authority (actions/authorize.ts);
//   fence      - the peer's switches off: serving flag, trade-processor mappings, API stage (actions/fence.ts);
//   restore    - undo a fence: the authority back to the peer, then its switches on (actions/fence.ts);
//   sync       - this region's switches to agree with the authority and the writer role (actions/sync.ts);
//   initialize - first apply only: set one region On when none is (actions/initialize.ts).
// Every AWS failure is reported in the result and never thrown; only a malformed request throws
// (FenceInputError). Clients are passed in: the handler builds them, tests and the drill pass their own.
import { authorizeRegion, type Authority, type AuthorizeResult } from './actions/authorize.ts';
import { fenceRegion, restoreRegion, type FenceClients, type FenceResult, type RestoreResult } from './actions/fence.ts';
import { initializeAuthority, type InitializeResult } from './actions/initialize.ts';
import { syncRegion, type SyncClients, type SyncResult } from './actions/sync.ts';
import type { RegionFenceRequest } from './request.ts';
import type { SwitchClients } from './switches.ts';

export { authorizeRegion, pairArns, type Authority, type AuthorizeResult } from './actions/authorize.ts';
export { fenceRegion, restoreRegion, type FenceClients, type FenceResult, type RestoreResult } from './actions/fence.ts';
export { initializeAuthority, type InitializeResult } from './actions/initialize.ts';
export { syncRegion, type SyncClients, type SyncResult } from './actions/sync.ts';
export {
  FenceInputError,
  parseFenceRequest,
  parseRegionFenceRequest,
  type AuthorizeRequest,
  type FenceAction,
  type FenceRequest,
  type InitializeRequest,
  type PairRegions,
  type RegionFenceAction,
  type RegionFenceRequest,
  type SwitchTargets,
  type SyncRequest,
} from './request.ts';
export type { ApiOutcome, MappingOutcome, ProcessingOutcome, ServingFlagOutcome, SwitchClients, SwitchOutcomes } from './switches.ts';

export type RegionFenceResult = AuthorizeResult | FenceResult | RestoreResult | SyncResult | InitializeResult;

/** Everything the actions may need; each action uses only its part. */
export interface RegionFenceDeps {
  /** Clients bound to the peer region (fence, restore). */
  peer: FenceClients;
  /** Clients bound to this region (sync), with RDS for the writer role. */
  own: SwitchClients & Pick<SyncClients, 'rds'>;
  authority: Authority;
}

/** Runs the request's action. */
export function runRegionFenceRequest(request: RegionFenceRequest, deps: RegionFenceDeps): Promise<RegionFenceResult> {
  switch (request.action) {
    case 'authorize':
      return authorizeRegion(request, deps.authority);
    case 'fence':
      return fenceRegion(request, deps.peer);
    case 'restore':
      return restoreRegion(request, deps.peer, deps.authority);
    case 'sync':
      return syncRegion(request, deps.own, deps.authority);
    case 'initialize':
      return initializeAuthority(request, deps.authority);
  }
}
