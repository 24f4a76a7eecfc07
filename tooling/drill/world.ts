// A small simulation of the AWS side of a recovery: the global cluster and its members, the target
// cluster, the RPO-lag metric, the region-fence function (authorize on the ARC authority, fence and
// restore of the old region, sync activation of the target) and the validator, the approver and the
// notifications.
// Every Task of the state machine is answered from here according to its Resource, on a simulated
// clock advanced by the timing model. Errors the scenario injects are recorded, so the runner can
// tell a deliberate failure from a bug that a States.ALL catcher would otherwise swallow.
import { SFN_ERRORS } from './aws-errors.ts';
import { TIMING_MODEL } from './timing.ts';

/** The task token the drill's executions carry ($$.Task.Token). */
export const TASK_TOKEN = 'drill-task-token';

export interface SimulatedError {
  name: string;
  message: string;
  /** Simulated seconds the failing call took. */
  seconds?: number;
}

export interface WorldSpec {
  globalClusterId: string;
  targetClusterArn: string;
  /** The cluster the old writer region runs. */
  otherClusterArn: string;
  /** Whether the target cluster is a member of the global cluster. */
  targetIsMember: boolean;
  targetIsWriter: boolean;
  globalStatus: string;
  /** A switchover or failover already running on the global cluster (FailoverState.Status). */
  operationInProgress?: string;
  globalEngineVersion: string;
  targetStatus: string;
  targetEngineVersion: string;
  /** Newest first (ms); 'error' makes GetMetricData fail. */
  rpoLagMs: number[] | 'error';
  /** Simulated seconds from the promotion call to the target being the available writer; null = never. */
  promotionSeconds: number | null;
  /** Errors the promotion call fails with before it is accepted (one per attempt). */
  promotionErrors: SimulatedError[];
  /** The old region's switches, as region-fence's fence and restore find them. */
  fence: 'fenced' | 'unreachable-reported' | 'invocation-timeout';
  /** region-fence authorize: ARC accepts the change, or no endpoint does (default accepted). */
  authority?: 'authorized' | 'refused';
  /** Seconds until the approver answers; null = nobody answers. Only used with an approval step. */
  approval: { afterSeconds: number | null; decision: 'approve' | 'reject' };
  validator: 'ready' | 'not-ready' | 'error';
  /** primary-probe's preflight verdict on the old region (a failover only); 'error' = the invocation fails. Default unhealthy: a failover is for an outage. */
  peerHealth?: 'healthy' | 'unhealthy' | 'unknown' | 'error';
}

export interface Notification {
  at: number;
  subject: string;
  message: string;
  approval: boolean;
}

export interface Call {
  at: number;
  seconds: number;
  resource: string;
  parameters: unknown;
}

/** The simulated clock, in seconds since the execution started. */
export class Clock {
  now = 0;
  advance(seconds: number): void {
    this.now += seconds;
  }
}

class InjectedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

type Json = Record<string, unknown>;

export class World {
  readonly notifications: Notification[] = [];
  readonly calls: Call[] = [];
  /** Names of the errors this world threw on purpose. */
  readonly injected = new Set<string>();
  /** Set when a call arrived that the simulation does not model: the scenario must fail. */
  readonly problems: string[] = [];
  promotionStartedAt: number | null = null;
  private promotionKind: 'switching-over' | 'failing-over' = 'failing-over';
  promotionObservedAt: number | null = null;
  private promotionAttempts = 0;
  private parameterVersion = 1;
  /** Whether the old region serves: its serving flag and trade processing, as the fence and its undo left them. */
  oldRegionServing = true;
  /** The region the ARC routing controls name: the target after authorize, the old one after a restore. */
  authorityOnTarget = false;

  constructor(
    readonly spec: WorldSpec,
    readonly clock: Clock,
    private readonly functions: { fence: string; validator: string; probe: string },
    private readonly taskTimeouts: Record<string, number | undefined>,
  ) {}

  private take(seconds: number, resource: string, parameters: unknown): void {
    this.calls.push({ at: this.clock.now, seconds, resource, parameters });
    this.clock.advance(seconds);
  }

  private fail(name: string, message: string): never {
    this.injected.add(name);
    throw new InjectedError(name, message);
  }

  private promotionDone(): boolean {
    const s = this.spec;
    return this.promotionStartedAt !== null && s.promotionSeconds !== null && this.clock.now >= this.promotionStartedAt + s.promotionSeconds;
  }

  private globalCluster(): Json {
    const s = this.spec;
    const promoted = this.promotionDone();
    const running = this.promotionStartedAt !== null && !promoted;
    const members: Json[] = [{ DbClusterArn: s.otherClusterArn, IsWriter: promoted ? false : !s.targetIsWriter, Readers: [] }];
    if (s.targetIsMember) members.push({ DbClusterArn: s.targetClusterArn, IsWriter: promoted || s.targetIsWriter, Readers: [] });
    const operation = running ? this.promotionKind : s.operationInProgress;
    return {
      GlobalClusterIdentifier: s.globalClusterId,
      // After a failover the promoted cluster forms an available global cluster on its own.
      Status: running ? this.promotionKind : promoted ? 'available' : s.globalStatus,
      Engine: 'aurora-postgresql',
      EngineVersion: s.globalEngineVersion,
      GlobalClusterMembers: members,
      ...(operation ? { FailoverState: { Status: operation, ToDbClusterArn: s.targetClusterArn } } : {}),
    };
  }

  /** Answers one Task, by Resource, with its effective input (Parameters already applied). */
  async answer(stateName: string, resource: string, input: unknown): Promise<unknown> {
    const p = (input ?? {}) as Json;
    const s = this.spec;
    const rds = (op: string) => resource === `arn:aws:states:::aws-sdk:rds:${op}`;
    switch (true) {
      case rds('describeGlobalClusters'): {
        this.take(TIMING_MODEL.describeGlobalClusters.seconds, resource, p);
        if (p.GlobalClusterIdentifier !== s.globalClusterId) this.fail(SFN_ERRORS.rdsGlobalClusterNotFound, `GlobalCluster ${String(p.GlobalClusterIdentifier)} not found.`);
        const cluster = this.globalCluster();
        if (this.promotionDone() && this.promotionObservedAt === null) this.promotionObservedAt = this.clock.now;
        return { GlobalClusters: [cluster] };
      }
      case rds('describeDBClusters'): {
        this.take(TIMING_MODEL.describeDBClusters.seconds, resource, p);
        if (p.DbClusterIdentifier !== s.targetClusterArn) this.fail(SFN_ERRORS.rdsDbClusterNotFound, `DBCluster ${String(p.DbClusterIdentifier)} not found.`);
        return {
          DbClusters: [{
            DbClusterArn: s.targetClusterArn,
            Status: s.targetStatus,
            Engine: 'aurora-postgresql',
            EngineVersion: s.targetEngineVersion,
            ...(s.targetIsMember ? { GlobalClusterIdentifier: s.globalClusterId } : {}),
          }],
        };
      }
      case resource === 'arn:aws:states:::aws-sdk:cloudwatch:getMetricData': {
        this.take(TIMING_MODEL.getMetricData.seconds, resource, p);
        if (s.rpoLagMs === 'error') this.fail(SFN_ERRORS.cloudWatchInternal, 'Internal service error.');
        const values = s.rpoLagMs;
        return { MetricDataResults: [{ Id: 'rpolag', Label: 'AuroraGlobalDBRPOLag', StatusCode: 'Complete', Values: values, Timestamps: values.map((_, i) => new Date(Date.UTC(2025, 2, 14, 14, 6 - i)).toISOString()) }] };
      }
      case rds('switchoverGlobalCluster'):
      case rds('failoverGlobalCluster'): {
        const failover = rds('failoverGlobalCluster');
        if (p.GlobalClusterIdentifier !== s.globalClusterId || p.TargetDbClusterIdentifier !== s.targetClusterArn) {
          this.take(TIMING_MODEL.promotionCall.seconds, resource, p);
          this.problems.push(`${stateName} called with GlobalClusterIdentifier=${String(p.GlobalClusterIdentifier)} TargetDbClusterIdentifier=${String(p.TargetDbClusterIdentifier)}; expected the global id and the target cluster ARN.`);
          throw new Error('Rds.InvalidParameterValue: promotion aimed at the wrong cluster');
        }
        if (failover !== (p.AllowDataLoss === true)) {
          this.problems.push(`${stateName}: AllowDataLoss must be true exactly for failoverGlobalCluster.`);
        }
        const err = s.promotionErrors[this.promotionAttempts++];
        if (err) {
          this.take(err.seconds ?? TIMING_MODEL.promotionCall.seconds, resource, p);
          this.fail(err.name, err.message);
        }
        this.take(TIMING_MODEL.promotionCall.seconds, resource, p);
        this.promotionKind = failover ? 'failing-over' : 'switching-over';
        this.promotionStartedAt = this.clock.now;
        return { GlobalCluster: this.globalCluster() };
      }
      case resource === 'arn:aws:states:::lambda:invoke': {
        const fn = p.FunctionName;
        if (fn === this.functions.fence) return this.fence(resource, p);
        if (fn === this.functions.probe) {
          this.take(TIMING_MODEL.probeInvoke.seconds, resource, p);
          const verdict = s.peerHealth ?? 'unhealthy';
          if (verdict === 'error') this.fail(SFN_ERRORS.lambdaUnknown, 'The probe failed: Unhandled');
          const canaryFailed = verdict !== 'healthy';
          const route53View = verdict === 'unknown' ? 'unresolved' : verdict;
          return { StatusCode: 200, Payload: { verdict, url: 'https://simulated/v1/health', canaryFailed, route53View, detail: `${verdict}: simulated` } };
        }
        if (fn === this.functions.validator) {
          this.take(TIMING_MODEL.validatorInvoke.seconds, resource, p);
          if (s.validator === 'error') this.fail(SFN_ERRORS.lambdaUnknown, 'The validator failed: Unhandled');
          const ready = s.validator === 'ready';
          const checks = [{ name: 'aurora-writer', ok: true, detail: 'the target cluster is the writer' }, { name: 'dynamodb-replication-latency', ok: ready, detail: ready ? 'within threshold' : 'ReplicationLatency 4200 ms above the 2000 ms threshold' }];
          return { StatusCode: 200, Payload: { ready, region: 'simulated', checkedAt: new Date(0).toISOString(), checks } };
        }
        this.problems.push(`${stateName} invoked an unknown function ${String(fn)}.`);
        throw new Error(`unknown function ${String(fn)}`);
      }
      case resource === 'arn:aws:states:::aws-sdk:lambda:updateEventSourceMapping':
        this.take(TIMING_MODEL.updateEventSourceMapping.seconds, resource, p);
        if (p.Enabled !== true) this.problems.push(`${stateName} must enable the target's event source mapping.`);
        return { UUID: p.Uuid, State: 'Enabling' };
      case resource === 'arn:aws:states:::aws-sdk:ssm:putParameter':
        this.take(TIMING_MODEL.putParameter.seconds, resource, p);
        if (p.Value !== 'true' || p.Overwrite !== true) this.problems.push(`${stateName} must overwrite the serving flag with "true".`);
        return { Version: ++this.parameterVersion, Tier: 'Standard' };
      case resource === 'arn:aws:states:::sns:publish': {
        this.take(TIMING_MODEL.snsPublish.seconds, resource, p);
        // Every subscriber of the topic reads the message: a task token there could be used by any of them.
        if (String(p.Message).includes(TASK_TOKEN) || String(p.Subject).includes(TASK_TOKEN)) this.problems.push(`${stateName} publishes the task token to the operations topic, where every subscriber reads it.`);
        const approval = stateName === 'NotifyApprovers';
        this.notifications.push({ at: this.clock.now, subject: String(p.Subject), message: String(p.Message), approval });
        return { MessageId: `m-${this.notifications.length}` };
      }
      case resource === 'arn:aws:states:::sqs:sendMessage.waitForTaskToken':
        return this.approve(stateName, resource, p);
      default:
        this.problems.push(`${stateName} uses ${resource}, which the drill does not simulate.`);
        throw new Error(`unsimulated resource ${resource}`);
    }
  }

  /**
   * The region-fence function, by payload action: `authorize` (the routing controls name the target),
   * `sync` (the target's activation: switches on when it is named and the writer), `fence` (default)
   * or its undo `restore` of the old region, which is reachable only when `fence` is 'fenced'.
   */
  private fence(resource: string, p: Json): unknown {
    const s = this.spec;
    const payload = (p.Payload ?? {}) as Json;
    const action = payload.action ?? 'fence';
    const error = 'TimeoutError: connect ETIMEDOUT';
    // The mirror is the serving flag and the API stage variable; the event source mappings stay enabled.
    const switches = (ok: boolean, err?: string) => ({
      servingFlag: ok ? { ok, parameter: payload.servingParameter, version: 9 } : { ok, parameter: payload.servingParameter, error: err },
      api: ok ? { ok, restApiId: payload.restApiId, stageName: payload.stageName } : { ok, restApiId: payload.restApiId, stageName: payload.stageName, error: err },
    });
    const attempts = [{ endpoint: 'https://host-drill1.us-west-2.example.com/v1', region: 'us-west-2' }];
    if (action === 'authorize') {
      this.take(TIMING_MODEL.fenceInvoke.seconds, resource, p);
      const authorized = s.authority !== 'refused';
      if (authorized) this.authorityOnTarget = true;
      return {
        StatusCode: 200,
        Payload: authorized
          ? { action: 'authorize', region: payload.region, authorized, endpoint: attempts[0]!.endpoint, attempts }
          : { action: 'authorize', region: payload.region, authorized, attempts: [{ ...attempts[0], error }], error: `no cluster endpoint answered (1 tried; last: ${error})` },
      };
    }
    if (action === 'sync') {
      this.take(TIMING_MODEL.fenceInvoke.seconds, resource, p);
      const writer = this.promotionDone() || s.targetIsWriter;
      const active = this.authorityOnTarget && writer;
      return { StatusCode: 200, Payload: { action: 'sync', region: payload.region, authority: this.authorityOnTarget ? 'On' : 'Off', writer: this.authorityOnTarget ? writer : null, active, synced: true, ...switches(true) } };
    }
    if (action !== 'fence' && action !== 'restore') {
      this.problems.push(`region-fence was invoked with action ${String(action)}, which the drill does not simulate.`);
      throw new Error(`unsimulated region-fence action ${String(action)}`);
    }
    const restore = action === 'restore';
    // Only fence and restore call into the old region.
    if (s.fence === 'invocation-timeout') {
      this.take(TIMING_MODEL.fenceUnreachable.seconds, resource, p);
      this.fail(SFN_ERRORS.lambdaTimedOut, 'Task timed out after 30.00 seconds');
    }
    this.take(TIMING_MODEL.fenceInvoke.seconds, resource, p);
    const ok = s.fence === 'fenced';
    if (restore) {
      // First the check, from this region's RDS: the old region must still be the writer with no
      // switchover or failover in progress (FailoverState); otherwise nothing changes. The run's own
      // promotion, timed out (ownPromotionTimedOut), does not count.
      const running = this.promotionStartedAt !== null && !this.promotionDone() && payload.ownPromotionTimedOut !== true;
      const peerWriter = !this.promotionDone() && !s.targetIsWriter;
      if (running || !peerWriter) {
        const reason = `nothing changed: ${running ? 'a switchover or failover of the global cluster is in progress' : 'the old region is not the writer'}`;
        return {
          StatusCode: 200,
          Payload: { action: 'restore', region: payload.region, restored: false, reason, check: { peerWriter, operation: running ? 'switching-over' : null }, ...switches(false, reason) },
        };
      }
      // Then the authority back (ARC answers from outside both regions), then the switches.
      this.authorityOnTarget = false;
      if (ok) this.oldRegionServing = true;
      return {
        StatusCode: 200,
        Payload: {
          action: 'restore',
          region: payload.region,
          restored: ok,
          check: { peerWriter, operation: null },
          authority: { action: 'authorize', region: payload.region, authorized: true, endpoint: attempts[0]!.endpoint, attempts },
          ...switches(ok, error),
        },
      };
    }
    if (ok) this.oldRegionServing = false;
    // The fence: stage off, the old region's queue drained, then its flag off.
    const drain = ok ? { drained: true, remaining: 0, waitedSeconds: 2 } : { drained: false, remaining: null, waitedSeconds: 0, error: `the queue could not be read: ${error}` };
    return { StatusCode: 200, Payload: { action: 'fence', region: payload.region, fenced: ok, drain, ...switches(ok, error) } };
  }

  private approve(stateName: string, resource: string, p: Json): unknown {
    const s = this.spec;
    this.take(TIMING_MODEL.approvalRequest.seconds, resource, p);
    // The request make approve reads (tooling/runbook/approval.ts): the token and the execution it answers.
    const body = (p.MessageBody ?? {}) as Json;
    if (body.taskToken !== TASK_TOKEN) this.problems.push(`${stateName} must put the task token in MessageBody.taskToken for the approver.`);
    if (typeof body.executionArn !== 'string' || !body.executionArn.includes(':execution:')) this.problems.push(`${stateName} must name the execution (MessageBody.executionArn), which make approve looks the request up by.`);
    const timeout = this.taskTimeouts[stateName];
    if (timeout === undefined) this.problems.push(`${stateName} waits for a token without TimeoutSeconds.`);
    const bound = timeout ?? Number.POSITIVE_INFINITY;
    const after = s.approval.afterSeconds;
    if (after === null || after >= bound) {
      this.clock.advance(Number.isFinite(bound) ? bound : 0);
      this.fail('States.Timeout', `No approval within ${bound} s`);
    }
    this.clock.advance(after);
    if (s.approval.decision === 'reject') this.fail('Rejected', 'Rejected by the approver: primary is recovering');
    return { approver: 'drill-approver@example.com' };
  }
}
