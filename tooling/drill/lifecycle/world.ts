// The state of both regions during a lifecycle scenario: reachability, each region's API (its stage
// variable `active`), queue and dead-letter queue, SSM parameters (the serving flags, with their
// LastModifiedDate for the lease), the health function's cached flag, the Route 53 health checks, the
// ARC cluster whose routing controls are the authority on which region is active (arc.ts), the Aurora
// global database, and what the invariant checker observes in the current step. The serving flag and
// the stage variable are each region's local mirror of the authority, written by the region-fence
// function. The trade processor's event source mapping is enabled in both regions and never switched:
// the processor itself is the gate (flag "true" within its lease, and its cluster the writer).
//
// Names follow the modules (trading-<env>-..., /trading/<env>/<region>/serving), with AWS's
// documentation account 111122223333.
import type { FlagCache } from '../../../functions/health/core.ts';
import { DEFAULT_SERVING_LEASE_SECONDS, flagVerdict, type ServingFlagRead } from '../../../functions/shared/serving-flag.ts';
import { DEFAULT_MAX_ORDER_AGE_SECONDS } from '../../../functions/trade-processor/config.ts';
import { GlobalDatabase, type Commit } from './aurora.ts';
import { RecoveryCluster } from './arc.ts';
import type { LifecycleFigures } from './figures.ts';
import type { CommitAttempt, OrderEvent } from './invariants.ts';
import { HealthCheck, RecoveryControlCheck } from './route53.ts';
import { Queue } from './sqs.ts';

export const ACCOUNT = '111122223333';
/** Simulated second 0 as a wall-clock time (orders, metrics and the validator read dates). */
export const EPOCH_MS = Date.UTC(2025, 2, 14, 14, 0, 0);
export const dateAt = (t: number) => new Date(EPOCH_MS + Math.round(t * 1000));

export interface Names {
  prefix: string;
  globalClusterId: string;
  clusterId(region: string): string;
  clusterArn(region: string): string;
  servingParameter(region: string): string;
  healthCheckIdsParameter: string;
  healthCheckId(region: string): string;
  tradeProcessor: string;
  esmUuid(region: string): string;
  queueUrl(region: string): string;
  sessionsTable: string;
  auditBucket(region: string): string;
  configBucket(region: string): string;
  fenceFunctionArn(region: string): string;
  /** The primary-probe in a region, probing the other region (the failover preflight). */
  probeFunctionArn(region: string): string;
  validatorFunctionArn(region: string): string;
  topicArn(region: string): string;
  /** The approval queue the state machine leaves its task token in (modules/failover-orchestrator/modules/region/approvals.tf). */
  approvalQueueUrl(region: string): string;
  stateMachineArn(region: string): string;
  restApiId(region: string): string;
  stageName: string;
  routingControlArn(region: string): string;
  clusterArnArc: string;
  /** The TXT failover records through which the probe reads Route 53's view of the primary. */
  route53ViewName: string;
  /** The view TXT records of a region (primary-view for the primary, secondary-view for the secondary). */
  viewName(region: string, primary: string): string;
}

export function names(env: string | null): Names {
  const e = env ?? 'drill';
  const prefix = `trading-${e}`;
  return {
    prefix,
    globalClusterId: prefix,
    clusterId: (r) => `${prefix}-${r}`,
    clusterArn: (r) => `arn:aws:rds:${r}:${ACCOUNT}:cluster:${prefix}-${r}`,
    servingParameter: (r) => `/trading/${e}/${r}/serving`,
    healthCheckIdsParameter: `/trading/${e}/health-check-ids`,
    healthCheckId: (r) => `hc-${prefix}-${r}`,
    tradeProcessor: `${prefix}-trade-processor`,
    esmUuid: (r) => `esm-${prefix}-${r}`,
    queueUrl: (r) => `https://sqs.${r}.amazonaws.com/${ACCOUNT}/${prefix}-trade-orders`,
    sessionsTable: `${prefix}-sessions`,
    auditBucket: (r) => `${prefix}-${ACCOUNT}-audit-${r}`,
    configBucket: (r) => `${prefix}-${ACCOUNT}-config-${r}`,
    fenceFunctionArn: (r) => `arn:aws:lambda:${r}:${ACCOUNT}:function:${prefix}-region-fence`,
    probeFunctionArn: (r) => `arn:aws:lambda:${r}:${ACCOUNT}:function:${prefix}-primary-probe`,
    validatorFunctionArn: (r) => `arn:aws:lambda:${r}:${ACCOUNT}:function:${prefix}-failover-validator`,
    topicArn: (r) => `arn:aws:sns:${r}:${ACCOUNT}:${prefix}-operations`,
    approvalQueueUrl: (r) => `https://sqs.${r}.amazonaws.com/${ACCOUNT}/${prefix}-failover-approvals`,
    stateMachineArn: (r) => `arn:aws:states:${r}:${ACCOUNT}:stateMachine:${prefix}-failover`,
    // API Gateway ids are 10 lowercase letters and digits.
    restApiId: (r) => `api${r.replace(/[^a-z0-9]/g, '')}`.slice(0, 10).padEnd(10, '0'),
    stageName: 'v1',
    routingControlArn: (r) => `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/${e}0panel/routingcontrol/${r.replace(/-/g, '')}`,
    clusterArnArc: `arn:aws:route53-recovery-control::${ACCOUNT}:cluster/${prefix}`,
    route53ViewName: `primary-view.${prefix}.example.com`,
    viewName: (r, primary) => `${r === primary ? 'primary' : 'secondary'}-view.${prefix}.example.com`,
  };
}

export interface RegionState {
  name: string;
  /** Reachable at all (a region-outage makes everything in it unreachable, from anywhere). */
  up: boolean;
  /** Calls into this region from the other region fail (fence-fails). */
  refusesPeerCalls: boolean;
  /** /health fails until this time (health-flap). */
  healthFailsUntil: number;
  /** SSM parameters: value, version and LastModifiedDate (simulated seconds), as GetParameter returns them. */
  parameters: Map<string, Parameter>;
  /** The trade-orders queue (its dead-letter queue inside). */
  queue: Queue;
  /** The health function's execution environment keeps its flag cache. */
  flagCache: FlagCache;
  /** The trade processor's execution environment keeps its serving-flag reader (created on first use). */
  processorFlag?: () => Promise<ServingFlagRead>;
  auditKeys: Set<string>;
  /** The HTTPS /health check. */
  health: HealthCheck;
  /** The RECOVERY_CONTROL health check of this region's routing control. */
  control: RecoveryControlCheck;
  /** The API stage's variables (`active`: "true" lets POST /trades queue orders). */
  stageVariables: Record<string, string>;
}

export interface Parameter {
  value: string;
  version: number;
  /** When it was last written (simulated seconds): GetParameter's LastModifiedDate, which the serving flag's lease reads. */
  lastModified: number;
}

export interface TimelineEntry {
  t: number;
  region: string;
  what: string;
}

/** A call the simulation does not model: the run cannot vouch for anything, so it stops. */
export class SimulationGap extends Error {
  override name = 'SimulationGap';
}

export class World {
  readonly regions: Record<string, RegionState>;
  readonly aurora: GlobalDatabase;
  readonly arc: RecoveryCluster;
  readonly names: Names;
  partitioned = false;
  /** The processor's MAX_ORDER_AGE_SECONDS: the scenario's orders.maxAgeSeconds (set by the run), else the function's default. */
  maxOrderAgeSeconds = DEFAULT_MAX_ORDER_AGE_SECONDS;
  /** The canary's alarm in the secondary (automatic failover) is in ALARM. */
  canaryAlarm = false;
  now = 0;
  readonly timeline: TimelineEntry[] = [];
  // What the invariant checker sees of the current step.
  stepCommits: CommitAttempt[] = [];
  stepOrders: OrderEvent[] = [];
  stepSubmitted = 0;
  /** Calls the simulation does not model; any one stops the run (functions catch errors, so they are collected here). */
  readonly gaps: string[] = [];

  constructor(readonly figures: LifecycleFigures) {
    const { primary, secondary } = figures.regions;
    this.names = names(figures.env);
    const n = this.names;
    const region = (name: string, serving: boolean): RegionState => ({
      name,
      up: true,
      refusesPeerCalls: false,
      healthFailsUntil: Number.NEGATIVE_INFINITY,
      parameters: new Map([
        [n.servingParameter(name), { value: serving ? 'true' : 'false', version: 1, lastModified: 0 }],
        [n.healthCheckIdsParameter, { value: JSON.stringify({ [primary]: n.healthCheckId(primary), [secondary]: n.healthCheckId(secondary) }), version: 1, lastModified: 0 }],
      ]),
      queue: new Queue(),
      flagCache: {},
      auditKeys: new Set(),
      health: new HealthCheck(name, serving, figures.healthCheckFailureThreshold),
      control: new RecoveryControlCheck(name, serving),
      stageVariables: { active: serving ? 'true' : 'false' },
    });
    this.regions = { [primary]: region(primary, true), [secondary]: region(secondary, false) };
    this.arc = new RecoveryCluster([primary, secondary], { [primary]: n.routingControlArn(primary), [secondary]: n.routingControlArn(secondary) }, primary, (states) => {
      this.note('arc', `routing controls: ${Object.entries(states).map(([r, s]) => `${r} ${s}`).join(', ')}`);
    });
    this.aurora = new GlobalDatabase(n.globalClusterId, figures.regions, (r) => ({ id: n.clusterId(r), arn: n.clusterArn(r) }), {
      linked: (a, b) => this.linked(a, b),
      onLoss: (kind, r, commits, reason) => this.lose(kind, r, commits, reason),
      note: (r, what) => this.note(r, what),
    });
  }

  get primary(): string {
    return this.figures.regions.primary;
  }

  get secondary(): string {
    return this.figures.regions.secondary;
  }

  peer(region: string): string {
    return region === this.primary ? this.secondary : this.primary;
  }

  note(region: string, what: string): void {
    this.timeline.push({ t: Math.round(this.now * 10) / 10, region, what });
  }

  /** An API call from `from` into `to` gets an answer. */
  callable(from: string, to: string): boolean {
    const a = this.regions[from];
    const b = this.regions[to];
    if (!a || !b || !a.up || !b.up) return false;
    return from === to || (!this.partitioned && !b.refusesPeerCalls);
  }

  /** The two regions' storage and control planes reach each other (replication, Aurora's fencing). */
  linked(a: string, b: string): boolean {
    return this.regions[a]!.up && this.regions[b]!.up && !this.partitioned;
  }

  /** Records a call the simulation does not model and returns the error to throw. */
  gap(message: string): SimulationGap {
    this.gaps.push(message);
    return new SimulationGap(message);
  }

  servingFlag(region: string): string | undefined {
    return this.regions[region]!.parameters.get(this.names.servingParameter(region))?.value;
  }

  /** The region's local switches are all off: serving flag (its processor commits nothing) and API. */
  switchesOff(region: string): boolean {
    return this.servingFlag(region) !== 'true' && this.regions[region]!.stageVariables.active !== 'true';
  }

  /** The serving flag makes the region's processor active now: "true" and within its lease (shared/serving-flag.ts). */
  flagActive(region: string): boolean {
    const p = this.regions[region]!.parameters.get(this.names.servingParameter(region));
    if (!p) return false;
    return flagVerdict({ value: p.value, lastModifiedMs: dateAt(p.lastModified).getTime() }, DEFAULT_SERVING_LEASE_SECONDS, dateAt(this.now).getTime()).active;
  }

  /**
   * The health Route 53 gives the region's failover record: its RECOVERY_CONTROL check alone. With
   * exactly one routing control On exactly one record is healthy, so the "all records unhealthy" rule
   * never applies. The HTTPS /health check feeds the probe's view, the validator and alarms only.
   */
  recordHealthy(region: string): boolean {
    return this.regions[region]!.control.healthy;
  }

  private lose(kind: 'lost' | 'discarded', region: string, commits: Commit[], reason: string): void {
    for (const c of commits) this.stepOrders.push({ kind, at: this.now, orderId: c.orderId, region, reason });
    this.note(region, `${commits.length} committed order(s) ${kind === 'lost' ? 'lost in the failover (RPO)' : 'thrown away'}: ${reason}`);
  }
}
