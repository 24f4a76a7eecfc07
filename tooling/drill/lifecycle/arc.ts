// Route 53 Application Recovery Controller (ARC) as the lifecycle drill meets it: the authority on which
// region is active.
//
// - A cluster of five regional data-plane endpoints; any of them answers for the whole cluster, and a
//   client tries them in rotation until one answers. AWS says "ARC ensures that at least three out of
//   the five Regional cluster endpoints are always accessible" and that endpoints cycle through
//   unavailable states for maintenance
//   (https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.update.api.html).
//   The drill places all five outside the platform's pair, so an outage of a platform region never
//   takes one down; the scenario fault `arc-endpoints-down` makes the first N (in the order clients
//   try them, the worst case) unreachable from everywhere. N up to 2 is within AWS's promise; 3 to 5
//   go beyond it, to show what the platform does when the authority cannot be reached at all.
// - One routing control per region in one control panel, initially the primary On and the secondary
//   Off (region-fence's `initialize`).
// - The safety rules of the contract, evaluated on the state an update would leave: assertion rule
//   ATLEAST 1 over both controls, and ATLEAST 2 with `inverted = true` (not both On). A batch that
//   would break a rule is refused as a whole with ConflictException, as route53-recovery-cluster does
//   (https://docs.aws.amazon.com/routing-control/latest/APIReference/API_UpdateRoutingControlStates.html:
//   ConflictException, "There was a conflict with this request"), and a batch is atomic.
// - No state ever changes by itself: only an accepted update moves it.

export type ControlState = 'On' | 'Off';

export interface ClusterEndpoint {
  endpoint: string;
  region: string;
}

export interface AssertionRule {
  name: string;
  threshold: number;
  inverted: boolean;
}

/** The contract's two assertion rules: together they say "exactly one region On". */
export const SAFETY_RULES: readonly AssertionRule[] = [
  { name: 'at-least-one-region-on', threshold: 1, inverted: false },
  { name: 'not-both-regions-on', threshold: 2, inverted: true },
];

/** Regions ARC clusters place endpoints in; the drill takes the first five outside the pair. */
const ENDPOINT_REGIONS = ['us-west-2', 'eu-west-1', 'ap-northeast-1', 'ap-southeast-2', 'us-east-1', 'eu-central-1', 'us-west-1', 'ca-central-1'];

export function clusterEndpoints(pair: readonly string[]): ClusterEndpoint[] {
  return ENDPOINT_REGIONS.filter((r) => !pair.includes(r))
    .slice(0, 5)
    .map((region, i) => ({ region, endpoint: `https://host-drill${i + 1}.${region}.example.com/v1` }));
}

export class ArcError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

export interface ControlChange {
  arn: string;
  state: ControlState;
}

export class RecoveryCluster {
  readonly endpoints: ClusterEndpoint[];
  private readonly states = new Map<string, ControlState>();
  /** Endpoints that do not answer (by endpoint URL). */
  readonly down = new Set<string>();

  constructor(
    pair: readonly string[],
    /** Routing control ARN per region. */
    readonly controls: Record<string, string>,
    initiallyOn: string,
    private readonly onChange: (states: Record<string, ControlState>, changed: string[]) => void = () => undefined,
  ) {
    this.endpoints = clusterEndpoints(pair);
    for (const [region, arn] of Object.entries(controls)) this.states.set(arn, region === initiallyOn ? 'On' : 'Off');
  }

  /** The first `count` endpoints (in the order clients try them) stop answering; 0 brings them all back. */
  setEndpointsDown(count: number): void {
    this.down.clear();
    for (const e of this.endpoints.slice(0, count)) this.down.add(e.endpoint);
  }

  answers(endpoint: string): boolean {
    return this.endpoints.some((e) => e.endpoint === endpoint) && !this.down.has(endpoint);
  }

  regionOf(arn: string): string | undefined {
    return Object.entries(this.controls).find(([, a]) => a === arn)?.[0];
  }

  state(arn: string): ControlState {
    const s = this.states.get(arn);
    if (!s) throw new ArcError('ResourceNotFoundException', `The routing control ${arn} was not found.`, 404);
    return s;
  }

  stateOf(region: string): ControlState {
    return this.state(this.controls[region]!);
  }

  /** The rules that the states would break (empty: allowed). */
  static broken(states: ControlState[], rules: readonly AssertionRule[] = SAFETY_RULES): AssertionRule[] {
    const on = states.filter((s) => s === 'On').length;
    return rules.filter((r) => (on >= r.threshold) === r.inverted);
  }

  /** An atomic batch: every entry applies, or none does (unknown control, or a safety rule broken). */
  update(changes: ControlChange[]): void {
    if (changes.length === 0) throw new ArcError('ValidationException', 'UpdateRoutingControlStateEntries must not be empty.', 400);
    const next = new Map(this.states);
    for (const c of changes) {
      if (!this.states.has(c.arn)) throw new ArcError('ResourceNotFoundException', `The routing control ${c.arn} was not found.`, 404);
      if (c.state !== 'On' && c.state !== 'Off') throw new ArcError('ValidationException', `RoutingControlState must be On or Off (got ${String(c.state)}).`, 400);
      next.set(c.arn, c.state);
    }
    const broken = RecoveryCluster.broken([...next.values()]);
    if (broken.length) {
      throw new ArcError('ConflictException', `The update was rejected because it would break the safety rule(s) ${broken.map((r) => r.name).join(', ')}.`, 409);
    }
    const changed = [...next].filter(([arn, s]) => this.states.get(arn) !== s).map(([arn]) => this.regionOf(arn) ?? arn);
    for (const [arn, s] of next) this.states.set(arn, s);
    if (changed.length) this.onChange(this.snapshot(), changed);
  }

  snapshot(): Record<string, ControlState> {
    return Object.fromEntries(Object.entries(this.controls).map(([region, arn]) => [region, this.states.get(arn)!]));
  }
}
