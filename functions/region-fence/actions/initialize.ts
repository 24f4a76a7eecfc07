// initialize: first apply only. A new control panel starts with every routing control Off; this sets
// `region` On and the other Off in one batch. If any control is already On the authority is in use,
// and nothing changes, so running it again is harmless.
import { readRoutingControl, updateRoutingControls, type RoutingControlState } from '../../shared/arc.ts';
import type { InitializeRequest } from '../request.ts';
import { pairArns, type Authority } from './authorize.ts';

export interface InitializeResult {
  action: 'initialize';
  region: string;
  /** True only when this call set the controls. */
  changed: boolean;
  /** Region -> state, after the call (the regions that could be read). */
  states: Record<string, RoutingControlState>;
  error?: string;
}

export async function initializeAuthority(request: Pick<InitializeRequest, 'region'>, authority: Authority): Promise<InitializeResult> {
  const base = { action: 'initialize' as const, region: request.region };
  const arns = pairArns(authority, request.region);
  if ('error' in arns) return { ...base, changed: false, states: {}, error: arns.error };

  const [own, other] = await Promise.all([readRoutingControl(authority.arc, arns.own), readRoutingControl(authority.arc, arns.other)]);
  const states: Record<string, RoutingControlState> = {};
  if (own.ok) states[request.region] = own.value;
  if (other.ok) states[arns.otherRegion] = other.value;
  if (!own.ok || !other.ok) {
    const why = [own, other].flatMap((o) => (o.ok ? [] : [o.error])).join('; ');
    return { ...base, changed: false, states, error: `the routing controls could not be read, nothing changed: ${why}` };
  }
  if (own.value === 'On' || other.value === 'On') return { ...base, changed: false, states };

  const update = await updateRoutingControls(authority.arc, [
    { arn: arns.own, state: 'On' },
    { arn: arns.other, state: 'Off' },
  ]);
  if (!update.ok) return { ...base, changed: false, states, error: `the routing controls could not be set: ${update.error}` };
  return { ...base, changed: true, states: { [request.region]: 'On', [arns.otherRegion]: 'Off' } };
}
