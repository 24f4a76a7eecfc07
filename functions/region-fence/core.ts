// region-fence keeps the local mirror of the active-region authority in line with it. The authority is
// Route 53 ARC: one routing control per region, exactly one On (shared/arc.ts). The mirror is the
// serving flag (with its lease) and the API stage variable `active`; the trade processor's event source
// mapping stays enabled in both regions (the processor itself is the gate). Actions:
//   authorize  - make a region the active one on the authority (actions/authorize.ts);
//   fence      - the peer stops: API stage off, its queue drained, serving flag off (actions/fence.ts);
//   restore    - undo a fence, only while the peer is still the writer with no switchover or failover
//                under way: the authority back to the peer, then its switches on (actions/restore.ts);
//   sync       - this region's switches to agree with the authority and the writer role, renewing the
//                flag's lease while active (actions/sync.ts); the per-minute one also takes the
//                authority back from a recovery that cannot end (actions/reclaim.ts);
//   initialize - first apply only: set one region On when none is (actions/initialize.ts).
// Every AWS failure is reported in the result and never thrown; only a malformed request throws
// (FenceInputError). Clients are passed in: the handler builds them, tests and the drill pass their own.
import { authorizeRegion, type Authority, type AuthorizeResult } from './actions/authorize.ts';
import { fenceRegion, realTiming, type FenceClients, type FenceResult, type FenceTiming } from './actions/fence.ts';
import { initializeAuthority, type InitializeResult } from './actions/initialize.ts';
import { restoreRegion, type RestoreResult } from './actions/restore.ts';
import { syncRegion, type SyncClients, type SyncResult } from './actions/sync.ts';
import type { RegionFenceRequest } from './request.ts';

export { authorizeRegion, pairArns, type Authority, type AuthorizeResult } from './actions/authorize.ts';
export {
  DRAIN_BUDGET_SECONDS,
  DRAIN_POLL_SECONDS,
  drainQueue,
  fenceRegion,
  realTiming,
  type DrainOutcome,
  type FenceClients,
  type FenceResult,
  type FenceTiming,
} from './actions/fence.ts';
export { restoreRegion, type RestoreCheck, type RestoreResult } from './actions/restore.ts';
export { initializeAuthority, type InitializeResult } from './actions/initialize.ts';
export { syncRegion, type SyncClients, type SyncResult } from './actions/sync.ts';
export { reclaimIfAbandoned, type ReclaimCheck, type ReclaimDeps, type ReclaimOutcome } from './actions/reclaim.ts';
export {
  FenceInputError,
  parseFenceRequest,
  parseRegionFenceRequest,
  type AuthorizeRequest,
  type FenceAction,
  type FenceRequest,
  type InitializeRequest,
  type PairRegions,
  type ReclaimSettings,
  type RegionFenceAction,
  type RegionFenceRequest,
  type RestoreRequest,
  type SwitchTargets,
  type SyncRequest,
} from './request.ts';
export type { ApiOutcome, ServingFlagOutcome, SwitchClients, SwitchOutcomes } from './switches.ts';

export type RegionFenceResult = AuthorizeResult | FenceResult | RestoreResult | SyncResult | InitializeResult;

/** Everything the actions may need; each action uses only its part. */
export interface RegionFenceDeps {
  /** Clients bound to the peer region (fence, restore): its switches and its queue. */
  peer: FenceClients;
  /** Clients bound to this region: its switches (sync), RDS for the writer role (sync, restore's check). */
  own: SyncClients;
  authority: Authority;
  /** The drain's clock and wait; real time unless a test or the drill gives its own. */
  timing?: FenceTiming;
}

/** Runs the request's action. */
export function runRegionFenceRequest(request: RegionFenceRequest, deps: RegionFenceDeps): Promise<RegionFenceResult> {
  switch (request.action) {
    case 'authorize':
      return authorizeRegion(request, deps.authority);
    case 'fence':
      return fenceRegion(request, deps.peer, deps.timing ?? realTiming);
    case 'restore':
      return restoreRegion(request, deps.peer, deps.authority, deps.own.rds);
    case 'sync':
      return syncRegion(request, deps.own, deps.authority, { peerSsm: deps.peer.ssm, now: () => (deps.timing ?? realTiming).now() });
    case 'initialize':
      return initializeAuthority(request, deps.authority);
  }
}
