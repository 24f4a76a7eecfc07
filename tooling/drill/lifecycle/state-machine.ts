// The failover state machine inside the lifecycle: the module's own template, rendered for each
// region exactly as Terraform renders it (tooling/asl/template.ts), run by aws-local-stepfunctions.
// Every Task is answered from the simulated world at the simulated moment it runs:
//   - aws-local-stepfunctions runs on real time, so Wait states and Retry intervals are overridden to
//     0 and their seconds are added to the execution's own simulated clock instead (read from the
//     library's event log), and each Task completes after its modelled latency (TIMING_MODEL);
//   - a Task is scheduled on the simulation's clock, so clients, health checks and processors keep
//     running while an execution waits, polls or asks for approval;
//   - the lambda:invoke targets are the real function cores (region-fence, failover-validator).
// Errors the simulated AWS raises carry the names Step Functions reports (aws-errors.ts), so the
// template's Retry and Catch rules meet what they would meet in AWS.
import '../polyfill.ts';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { cycles, renderStateMachine, type AslDefinition, type AslState, type TemplateVars } from '../../asl/template.ts';
import { executionTimeoutSeconds } from '../../rto/figures.ts';
import { SFN_ERRORS } from '../aws-errors.ts';
import { TIMING_MODEL } from '../timing.ts';
import { AuroraError } from './aurora.ts';
import type { RegionFenceResult } from '../../../functions/region-fence/core.ts';
import { describeCluster, describeGlobalCluster, getMetricData } from './aws.ts';
import type { ExecutionStatus, ExecutionView } from './invariants.ts';
import { assess, databasePort, regionFence, validate } from './functions.ts';
import { PRIORITY, type Scheduler } from './scheduler.ts';
import { LIFECYCLE_TIMING } from './timing.ts';
import { DEFAULT_SERVING_LEASE_SECONDS } from '../../../functions/shared/serving-flag.ts';
import { dateAt, type World } from './world.ts';

type Json = Record<string, unknown>;

export interface Approval {
  approveAfter?: number;
  reject?: boolean;
}

export interface ExecutionRecord extends ExecutionView {
  mode: string;
  trigger: 'manual' | 'automatic';
  path: string[];
  error?: string;
  cause?: string;
  /** Spans for the report's picture. */
  approval?: { from: number; to: number; outcome: string };
  promotion?: { from: number; to: number | null };
  validator?: { ready: boolean; failing: string[] };
  /** The region-fence authorize result: the authority names this region. */
  authorized?: boolean;
  fenced?: boolean;
  /** Set when the run undid its fence (the region-fence function's restore action). */
  restored?: boolean;
  /** The activation (region-fence sync): the region's switches on and in agreement. */
  activated?: boolean;
  /** The start asked to override a healthy old region (force with a forceReason). */
  forced?: boolean;
  /** The failover preflight's verdict on the old region, and whether it was really serving then. */
  assessed?: { at: number; verdict: string; oldRegionServing: boolean };
}

class TaskError extends Error {
  constructor(
    name: string,
    message: string,
    readonly seconds: number,
  ) {
    super(message);
    this.name = name;
  }
}

interface Running {
  record: ExecutionRecord;
  /** The execution's own simulated time: the end of its last task plus any Wait and Retry since. */
  cursor: number;
  pending: boolean;
  done: boolean;
  approval: Approval;
  /** Its $$.Task.Token. */
  token: string;
}

export function templateVariables(world: World, region: string): TemplateVars {
  const n = world.names;
  const f = world.figures;
  const peer = world.peer(region);
  return {
    region,
    peer_region: peer,
    environment: f.env ?? 'dev',
    global_cluster_id: n.globalClusterId,
    target_cluster_arn: n.clusterArn(region),
    target_cluster_id: n.clusterId(region),
    serving_parameter_name: n.servingParameter(region),
    rest_api_id: n.restApiId(region),
    stage_name: n.stageName,
    peer_rest_api_id: n.restApiId(peer),
    peer_stage_name: n.stageName,
    // modules/failover-orchestrator/state-machine.tf: HTTPS check interval x failure threshold + 10 s.
    health_settle_seconds: LIFECYCLE_TIMING.healthCheckInterval.seconds * f.healthCheckFailureThreshold + 10,
    // modules/failover-orchestrator/state-machine.tf: the peer's serving-flag lease + 10 s.
    lease_wait_seconds: DEFAULT_SERVING_LEASE_SECONDS + 10,
    validator_function_arn: n.validatorFunctionArn(region),
    fence_function_arn: n.fenceFunctionArn(region),
    probe_function_arn: n.probeFunctionArn(region),
    peer_serving_parameter_name: n.servingParameter(peer),
    // The fence drains the peer's queue, and restore asks whether the peer's cluster is still the writer.
    peer_queue_url: n.queueUrl(peer),
    peer_cluster_arn: n.clusterArn(peer),
    topic_arn: n.topicArn(region),
    approval_queue_url: n.approvalQueueUrl(region),
    require_approval: f.requireApproval,
    approval_timeout_seconds: f.approvalTimeoutSeconds,
    poll_interval_seconds: f.pollIntervalSeconds,
    max_poll_attempts: f.maxPollAttempts,
    execution_timeout_seconds: executionTimeoutSeconds(f),
  };
}

function retryWait(retrier: { IntervalSeconds?: number; BackoffRate?: number; MaxDelaySeconds?: number }, attempt: number): number {
  const wait = (retrier.IntervalSeconds ?? 1) * Math.pow(retrier.BackoffRate ?? 2, attempt - 1);
  return retrier.MaxDelaySeconds !== undefined ? Math.min(wait, retrier.MaxDelaySeconds) : wait;
}

function tasksOf(states: Record<string, AslState>, out: Record<string, AslState> = {}): Record<string, AslState> {
  for (const [name, s] of Object.entries(states)) {
    if (s.Type === 'Task') out[name] = s;
    if (s.ItemProcessor) tasksOf(s.ItemProcessor.States, out);
  }
  return out;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

type Outcome = { ok: true; value: unknown; seconds: number } | { ok: false; error: Error; seconds: number };

/**
 * The sleep a task's function core is given: each sleep ends at a scheduler event at its simulated
 * moment. `untilBlocked` waits (in real time) until the task sleeps again or has ended, rethrowing
 * what the task threw that is not a task error (a gap in the simulation).
 */
class Sleeper {
  slept = 0;
  private blocked = false;
  private done = false;
  private error: unknown;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
  ) {}

  readonly sleep = (ms: number): Promise<void> => {
    const seconds = Math.max(0, ms) / 1000;
    this.slept += seconds;
    this.blocked = true;
    return new Promise<void>((resolve) => {
      this.scheduler.at(this.now() + seconds, PRIORITY.execution, async () => {
        this.blocked = false;
        resolve();
        await this.untilBlocked();
      });
    });
  };

  end(error?: unknown): void {
    this.done = true;
    if (error !== undefined) this.error = error;
  }

  async untilBlocked(): Promise<void> {
    for (let i = 0; !this.blocked && !this.done; i++) {
      await tick();
      if (i > 100_000) throw new Error('a task neither slept nor ended');
    }
    if (this.done && this.error !== undefined) {
      const error = this.error;
      this.error = undefined;
      throw error;
    }
  }
}

export class Executions {
  readonly records: ExecutionRecord[] = [];
  private readonly running: Running[] = [];
  private readonly definitions = new Map<string, { definition: AslDefinition; machine: StateMachine; loop: Set<string> }>();

  constructor(
    private readonly world: World,
    private readonly scheduler: Scheduler,
  ) {}

  views(): ExecutionView[] {
    return this.records.map(({ id, region, startedAt, boundSeconds, status, endedAt, notified }) => ({ id, region, startedAt, boundSeconds, status, ...(endedAt !== undefined ? { endedAt } : {}), notified }));
  }

  private machineFor(region: string) {
    let m = this.definitions.get(region);
    if (!m) {
      const definition = renderStateMachine(templateVariables(this.world, region));
      const machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
      m = { definition, machine, loop: new Set(cycles(definition.States).flat()) };
      this.definitions.set(region, m);
    }
    return m;
  }

  /** Starts the state machine in `region` (it activates `region`); returns once it is waiting on its first task or has ended. */
  async start(region: string, input: Json, trigger: 'manual' | 'automatic', approval: Approval): Promise<ExecutionRecord> {
    const world = this.world;
    const { definition, machine, loop } = this.machineFor(region);
    const id = `drill-${region}-${this.records.length + 1}`;
    const bound = definition.TimeoutSeconds ?? executionTimeoutSeconds(world.figures);
    const record: ExecutionRecord = { id, region, startedAt: world.now, boundSeconds: bound, status: 'RUNNING', notified: false, mode: String(input.mode), trigger, path: [], ...(input.force === true ? { forced: true } : {}) };
    this.records.push(record);
    const token = `token-${id}`;
    const run: Running = { record, cursor: world.now, pending: false, done: false, approval, token };
    this.running.push(run);
    world.note(region, `${trigger === 'automatic' ? 'automatic' : 'operator'} starts the state machine in ${region}: ${String(input.mode)} (execution ${id})`);

    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [name, state] of Object.entries(tasksOf(definition.States))) {
      handlers[name] = async (taskInput) => {
        // Let the event-log consumer add any Wait or Retry seconds to the cursor first.
        await tick();
        await tick();
        return this.schedule(run, name, state, taskInput);
      };
    }
    const waits: Record<string, number> = {};
    const retries: Record<string, number> = {};
    const all = { ...definition.States, ...Object.fromEntries(Object.values(definition.States).flatMap((s) => Object.entries(s.ItemProcessor?.States ?? {}))) };
    for (const [name, state] of Object.entries(all)) {
      if (state.Type === 'Wait') waits[name] = 0;
      if (state.Retry) retries[name] = 0;
    }
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, waitTimeOverrides: waits, retryIntervalOverrides: retries },
      context: {
        Execution: { Id: `arn:aws:states:${region}:111122223333:execution:${world.names.prefix}-failover:${id}`, Name: id, StartTime: dateAt(world.now).toISOString() },
        State: { EnteredTime: dateAt(world.now).toISOString() },
        Task: { Token: token },
      },
    });

    const topLevel = new Set(Object.keys(definition.States));
    let polls = 0;
    void (async () => {
      for await (const ev of execution.eventLogs) {
        if (!('state' in ev) || !ev.state || !topLevel.has(ev.state.name) || 'index' in ev) continue;
        const state = definition.States[ev.state.name]!;
        if (ev.type === 'StateEntered') {
          record.path.push(ev.state.name);
          if (state.Type === 'Wait') run.cursor += state.Seconds ?? 0;
          if (loop.has(ev.state.name)) {
            if (state.Type === 'Wait') polls++;
          } else {
            if (polls) world.timeline.push({ t: round(run.cursor), region, what: `state machine polled the promotion ${polls} time(s)` });
            polls = 0;
            if (state.Type !== 'Choice' && state.Type !== 'Pass') world.timeline.push({ t: round(run.cursor), region, what: `state machine: ${ev.state.name}` });
          }
        } else if (ev.type === 'StateRetried') {
          const wait = retryWait(ev.retry.retrier, ev.retry.attempt);
          run.cursor += wait;
          world.timeline.push({ t: round(run.cursor), region, what: `state machine: ${ev.state.name} retried after ${wait} s` });
        } else if (ev.type === 'StateFailed' && state.Type !== 'Fail') {
          world.timeline.push({ t: round(run.cursor), region, what: `state machine: ${ev.state.name} failed with ${ev.Error}` });
        } else if (ev.type === 'StateCaught') {
          world.timeline.push({ t: round(run.cursor), region, what: `state machine: ${ev.state.name} caught -> ${ev.catch.catcher.Next}` });
        }
      }
    })();

    void execution.result.then(
      () => this.finish(run, 'SUCCEEDED'),
      (err: unknown) => {
        const inner = err instanceof ExecutionError ? (err.cause as { name?: string; message?: string } | undefined) : undefined;
        this.finish(run, 'FAILED', inner?.name ?? (err as Error).name, inner?.message ?? (err as Error).message);
      },
    );
    // The execution-level TimeoutSeconds, on the simulated clock.
    this.scheduler.at(world.now + bound, PRIORITY.execution, () => {
      if (run.done) return;
      this.finish(run, 'TIMED_OUT', 'States.Timeout', `Execution timed out after ${bound} s`);
      execution.abort();
    });
    await this.settle(run);
    return record;
  }

  private finish(run: Running, status: ExecutionStatus, error?: string, cause?: string): void {
    if (run.done) return;
    run.done = true;
    const r = run.record;
    r.status = status;
    r.endedAt = status === 'TIMED_OUT' ? this.world.now : round(run.cursor);
    if (error !== undefined) r.error = error;
    if (cause !== undefined) r.cause = cause;
    this.world.timeline.push({ t: r.endedAt, region: r.region, what: `execution ${r.id} ${status}${error ? ` (${error})` : ''}` });
  }

  /** Waits (in real time) until the execution is blocked on a task or has ended. */
  private async settle(run: Running): Promise<void> {
    for (let i = 0; !run.pending && !run.done; i++) {
      await tick();
      if (i > 100_000) throw new Error(`execution ${run.record.id} neither reached a task nor ended`);
    }
  }

  private schedule(run: Running, name: string, state: AslState, input: unknown): Promise<unknown> {
    run.pending = true;
    return new Promise((resolve, reject) => {
      const attempt = async () => {
        if (run.done) return;
        // Step Functions in a region that is down makes no progress until the region is back.
        if (!this.world.regions[run.record.region]!.up) {
          this.scheduler.at(this.world.now + 1, PRIORITY.execution, attempt);
          return;
        }
        // A task that sleeps (region-fence's drain) is not awaited here: each sleep is a scheduler
        // event, so the world (clients, processors) moves on while it waits, and the task resumes at
        // its simulated moment. Every resumption runs until the task sleeps again or ends.
        const started = this.world.now;
        const sleeper = new Sleeper(this.scheduler, () => this.world.now);
        const complete = (outcome: Outcome) => {
          const limit = state.TimeoutSeconds;
          const total = outcome.seconds + sleeper.slept;
          if (limit !== undefined && total > limit) outcome = { ok: false, error: new TaskError(SFN_ERRORS.statesTimeout, `Task timed out after ${limit} s`, limit), seconds: limit };
          const at = limit !== undefined && total > limit ? started + limit : this.world.now + outcome.seconds;
          this.scheduler.at(at, PRIORITY.execution, async () => {
            if (run.done) return;
            run.cursor = this.world.now;
            run.pending = false;
            if (outcome.ok) resolve(outcome.value);
            else reject(outcome.error);
            await this.settle(run);
          });
        };
        void this.answer(run, name, state, (input ?? {}) as Json, sleeper.sleep)
          .then(
            ({ value, seconds }): Outcome => ({ ok: true, value, seconds }),
            (error: unknown): Outcome => {
              if (error instanceof TaskError) return { ok: false, error, seconds: error.seconds };
              throw error;
            },
          )
          .then(complete)
          .then(
            () => sleeper.end(),
            (error: unknown) => sleeper.end(error),
          );
        await sleeper.untilBlocked();
      };
      this.scheduler.at(run.cursor, PRIORITY.execution, attempt);
    });
  }

  /** Notes what the state machine's region-fence call did. */
  private recordFence(run: Running, result: RegionFenceResult): void {
    const world = this.world;
    const region = run.record.region;
    const errors = (r: { servingFlag: { error?: string }; api: { error?: string } }) => [r.api.error, r.servingFlag.error].filter(Boolean).join('; ');
    switch (result.action) {
      case 'authorize':
        run.record.authorized = result.authorized;
        world.note(region, `region-fence authorize ${result.region}: ${result.authorized ? `authorized (endpoint ${result.attempts.length} of ${world.arc.endpoints.length} answered)` : `NOT authorized (${result.error ?? 'no reason'})`}`);
        break;
      case 'fence':
        run.record.fenced = result.fenced;
        {
          const d = result.drain;
          const drain = d.drained ? `queue drained in ${d.waitedSeconds} s` : `queue not drained (${d.remaining ?? 'unknown'} left after ${d.waitedSeconds} s${d.error ? `: ${d.error}` : ''})`;
          world.note(region, `region-fence of ${result.region}: ${result.fenced ? 'fenced' : `NOT fenced (${errors(result)})`}; ${drain}`);
        }
        break;
      case 'restore':
        run.record.restored = result.restored;
        world.note(region, `region-fence restore of ${result.region}: ${result.restored ? 'restored' : `NOT restored (${result.reason ?? ([result.authority?.error, errors(result)].filter(Boolean).join('; ') || 'no reason given')})`}`);
        break;
      case 'sync':
        run.record.activated = result.active === true && result.synced;
        world.note(region, `region-fence sync (activation): authority ${result.authority}, writer ${String(result.writer)}, active ${String(result.active)}, ${result.synced ? 'synced' : `NOT synced${result.error ? ` (${result.error})` : ''}`}`);
        break;
      case 'initialize':
        world.note(region, `region-fence initialize: ${result.changed ? 'changed' : 'unchanged'}`);
        break;
    }
  }

  /** The answer to one Task, by Resource, at the current simulated time, with its modelled latency. */
  private async answer(run: Running, stateName: string, state: AslState, p: Json, sleep: (ms: number) => Promise<void>): Promise<{ value: unknown; seconds: number }> {
    const world = this.world;
    const region = run.record.region;
    const n = world.names;
    const resource = state.Resource ?? '';
    const rds = (op: string) => resource === `arn:aws:states:::aws-sdk:rds:${op}`;
    const fail = (name: string, message: string, seconds: number): never => {
      throw new TaskError(name, message, seconds);
    };
    switch (true) {
      case rds('describeGlobalClusters'): {
        const seconds = TIMING_MODEL.describeGlobalClusters.seconds;
        if (p.GlobalClusterIdentifier !== n.globalClusterId) fail(SFN_ERRORS.rdsGlobalClusterNotFound, `GlobalCluster ${String(p.GlobalClusterIdentifier)} not found.`, seconds);
        return { value: { GlobalClusters: [describeGlobalCluster(world, 'sfn')] }, seconds };
      }
      case rds('describeDBClusters'): {
        const seconds = TIMING_MODEL.describeDBClusters.seconds;
        if (p.DbClusterIdentifier !== n.clusterArn(region)) fail(SFN_ERRORS.rdsDbClusterNotFound, `DBCluster ${String(p.DbClusterIdentifier)} not found.`, seconds);
        return { value: { DbClusters: [describeCluster(world, region, 'sfn')] }, seconds };
      }
      case resource === 'arn:aws:states:::aws-sdk:cloudwatch:getMetricData':
        return { value: getMetricData(world, region, p, 'sfn'), seconds: TIMING_MODEL.getMetricData.seconds };
      case rds('switchoverGlobalCluster'):
      case rds('failoverGlobalCluster'): {
        const seconds = TIMING_MODEL.promotionCall.seconds;
        const failover = rds('failoverGlobalCluster');
        if (p.GlobalClusterIdentifier !== n.globalClusterId || p.TargetDbClusterIdentifier !== n.clusterArn(region)) {
          throw world.gap(`${stateName} called with GlobalClusterIdentifier=${String(p.GlobalClusterIdentifier)} TargetDbClusterIdentifier=${String(p.TargetDbClusterIdentifier)}; the simulation expects the global cluster id and this region's cluster ARN`);
        }
        if (failover && p.AllowDataLoss !== true) throw world.gap(`${stateName} calls failoverGlobalCluster without AllowDataLoss, which the simulation does not model`);
        try {
          const op = failover ? world.aurora.failover(region, world.now) : world.aurora.switchover(region, world.now);
          run.record.promotion = { from: world.now, to: op.completesAt };
          if (failover) {
            const a = run.record.assessed;
            run.record.dataLossPromotion = { at: world.now, oldRegion: world.peer(region), oldRegionServing: a?.oldRegionServing ?? (world.regions[world.peer(region)]!.up && world.regions[world.peer(region)]!.health.healthy), forced: run.record.forced === true };
          }
          world.note(region, `${failover ? 'failoverGlobalCluster' : 'switchoverGlobalCluster'} accepted: ${world.aurora.clusters[region]!.id} ${op.completesAt === null ? 'will never be promoted (promotion-stuck)' : `becomes the writer at ${round(op.completesAt)} s`}`);
        } catch (error) {
          if (error instanceof AuroraError) fail(error.name, error.message, seconds);
          throw error;
        }
        return { value: { GlobalCluster: describeGlobalCluster(world, 'sfn') }, seconds };
      }
      case resource === 'arn:aws:states:::lambda:invoke': {
        if (p.FunctionName === n.fenceFunctionArn(region)) {
          let invocation;
          try {
            invocation = await regionFence(world, region, p.Payload, sleep);
          } catch (error) {
            fail((error as Error).name, (error as Error).message, TIMING_MODEL.fenceInvoke.seconds);
          }
          const { result, seconds } = invocation!;
          this.recordFence(run, result);
          return { value: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: JSON.parse(JSON.stringify(result)) }, seconds };
        }
        if (p.FunctionName === n.probeFunctionArn(region)) {
          const peer = world.peer(region);
          const assessment = await assess(world, region, await databasePort());
          const oldRegionServing = world.regions[peer]!.up && world.regions[peer]!.health.healthy;
          run.record.assessed = { at: world.now, verdict: assessment.verdict, oldRegionServing };
          world.note(region, `primary-probe preflight on ${peer}: ${assessment.detail}`);
          return { value: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: JSON.parse(JSON.stringify(assessment)) }, seconds: TIMING_MODEL.probeInvoke.seconds };
        }
        if (p.FunctionName === n.validatorFunctionArn(region)) {
          const report = await validate(world, region);
          const failing = report.checks.filter((c) => !c.ok).map((c) => c.name);
          run.record.validator = { ready: report.ready, failing };
          world.note(region, `failover-validator: ${report.ready ? 'ready' : `NOT ready (${failing.join(', ')})`}`);
          return { value: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: JSON.parse(JSON.stringify(report)) }, seconds: TIMING_MODEL.validatorInvoke.seconds };
        }
        throw world.gap(`${stateName} invokes ${String(p.FunctionName)}, which the simulation does not model`);
      }
      case resource === 'arn:aws:states:::sns:publish': {
        // The approval notice is not the outcome: recovery-terminates asks for the outcome's notification.
        if (stateName === 'NotifyApprovers') world.note(region, `approval notice: ${String(p.Subject)}`);
        else {
          run.record.notified = true;
          world.note(region, `notification: ${String(p.Subject)}`);
        }
        if (JSON.stringify(p).includes(run.token)) (run.record.tokenSent ??= []).push({ at: world.now, to: 'operations-topic' });
        return { value: { MessageId: `m-${run.record.id}` }, seconds: TIMING_MODEL.snsPublish.seconds };
      }
      case resource === 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': {
        const publish = TIMING_MODEL.approvalRequest.seconds;
        const bound = state.TimeoutSeconds ?? Number.POSITIVE_INFINITY;
        const { approveAfter, reject } = run.approval;
        const from = world.now;
        const body = (p.MessageBody ?? {}) as Json;
        // make approve finds the request by execution and answers with its token (tooling/runbook/approval.ts).
        if (body.taskToken !== run.token || typeof body.executionArn !== 'string') throw world.gap(`${stateName} sends no taskToken and executionArn in MessageBody, so make approve could not answer it`);
        if (p.QueueUrl === world.names.approvalQueueUrl(region)) (run.record.tokenSent ??= []).push({ at: from, to: 'approval-queue' });
        else throw world.gap(`${stateName} sends the token to ${String(p.QueueUrl)}, not ${region}'s approval queue`);
        world.note(region, `approval requested in ${region}'s approval queue`);
        if (reject) {
          run.record.approval = { from, to: from + publish, outcome: 'rejected' };
          fail(SFN_ERRORS.approvalRejected, 'Rejected by the approver', publish);
        }
        if (approveAfter === undefined || publish + approveAfter >= bound) {
          run.record.approval = { from, to: from + bound, outcome: 'timed out' };
          fail(SFN_ERRORS.statesTimeout, `No approval within ${bound} s`, bound);
        }
        run.record.approval = { from, to: from + publish + approveAfter!, outcome: 'approved' };
        return { value: { approver: 'drill-approver@example.com' }, seconds: publish + approveAfter! };
      }
      default:
        throw world.gap(`${stateName} uses ${resource}, which the simulation does not model`);
    }
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

