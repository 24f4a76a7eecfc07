// authorize: make one region the active one on the authority, in one atomic UpdateRoutingControlStates
// (that region's control On, the other's Off), trying the cluster endpoints in order. The safety rules
// (at least one On, not both On) hold across the batch; a state that breaks them is refused with a
// ConflictException, which every endpoint would repeat, so it ends the attempt.
import { updateRoutingControls, type ArcAttempt, type ArcEndpointClient } from '../../shared/arc.ts';
import type { AuthorizeRequest } from '../request.ts';

/** The authority as the function sees it: the cluster's endpoints and the routing control of each region. */
export interface Authority {
  arc: readonly ArcEndpointClient[];
  /** Region -> routing control ARN, exactly the two regions of the pair. */
  routingControlArns: Readonly<Record<string, string>>;
}

export interface AuthorizeResult {
  action: 'authorize';
  region: string;
  /** True only when the endpoint accepted the change: `region` is now On and the other Off. */
  authorized: boolean;
  /** The endpoint that answered, when one did. */
  endpoint?: string;
  attempts: ArcAttempt[];
  error?: string;
}

/** The routing control ARNs of `region` and of the other region of the pair. */
export function pairArns(authority: Authority, region: string): { own: string; other: string; otherRegion: string } | { error: string } {
  const own = authority.routingControlArns[region];
  const others = Object.entries(authority.routingControlArns).filter(([r]) => r !== region);
  if (!own || others.length !== 1) return { error: `no routing control pair configured for ${region} (configured: ${Object.keys(authority.routingControlArns).join(', ') || 'none'})` };
  return { own, other: others[0]![1], otherRegion: others[0]![0] };
}

export async function authorizeRegion(request: Pick<AuthorizeRequest, 'region'>, authority: Authority): Promise<AuthorizeResult> {
  const arns = pairArns(authority, request.region);
  if ('error' in arns) return { action: 'authorize', region: request.region, authorized: false, attempts: [], error: arns.error };
  const outcome = await updateRoutingControls(authority.arc, [
    { arn: arns.own, state: 'On' },
    { arn: arns.other, state: 'Off' },
  ]);
  if (outcome.ok) return { action: 'authorize', region: request.region, authorized: true, endpoint: outcome.endpoint, attempts: outcome.attempts };
  return { action: 'authorize', region: request.region, authorized: false, attempts: outcome.attempts, error: outcome.error };
}
