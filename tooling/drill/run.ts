// Runs one drill scenario: renders the module's ASL template with the scenario's figures, executes it
// with aws-local-stepfunctions, answers every Task from the simulated world on a simulated clock, and
// returns the path, the timeline and the RTO estimate.
import './polyfill.ts';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { cycles, exampleVariables, renderStateMachine, type AslDefinition, type AslState } from '../asl/template.ts';
import { type DrillFigures } from './figures.ts';
import { TIMING_MODEL } from './timing.ts';
import { Clock, TASK_TOKEN, World, type Notification, type WorldSpec } from './world.ts';
import { executionTimeoutSeconds } from '../rto/figures.ts';

export type Trigger = 'planned' | 'manual' | 'automatic';
export type Status = 'SUCCEEDED' | 'FAILED';

export interface Scenario {
  name: string;
  title: string;
  /** How the recovery was started: decides the detection term of the RTO estimate. */
  trigger: Trigger;
  input: unknown;
  figures?: Partial<Omit<DrillFigures, 'source'>>;
  world?: Partial<WorldSpec>;
  expect: { status: Status; error?: string; visits?: string[]; avoids?: string[]; oldRegionServing?: boolean };
}

export interface TimelineEntry {
  at: number;
  state: string;
  type: string;
  seconds?: number;
  notes: string[];
}

export interface RtoEstimate {
  detectionSeconds: number;
  detectionBasis: string;
  orchestrationSeconds: number;
  promotionSeconds: number;
  dnsSeconds: number;
  dnsBasis: string;
  totalSeconds: number;
}

export interface DrillResult {
  scenario: Scenario;
  figures: DrillFigures;
  status: Status;
  error?: string;
  cause?: string;
  path: string[];
  timeline: TimelineEntry[];
  notifications: Notification[];
  /** Whether the old region serves when the execution ends (the fence and its undo, as simulated). */
  oldRegionServing: boolean;
  simulatedSeconds: number;
  executionTimeoutSeconds: number;
  rto?: RtoEstimate;
  /** Why the outcome differs from the scenario's expectation (empty when it matches). */
  mismatches: string[];
  /** Calls the simulation does not model or errors nobody injected: the run proves nothing. */
  problems: string[];
  /** States of the definition's (bounded) poll loop, and the one each iteration starts with. */
  loop: { states: string[]; start: string | null };
}

/** The healthy world every scenario starts from: a dev-like pair, recovering into the secondary. */
export function baselineWorld(vars: Record<string, unknown>): WorldSpec {
  return {
    globalClusterId: String(vars.global_cluster_id),
    targetClusterArn: String(vars.target_cluster_arn),
    otherClusterArn: 'arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1',
    targetIsMember: true,
    targetIsWriter: false,
    globalStatus: 'available',
    globalEngineVersion: '16.6',
    targetStatus: 'available',
    targetEngineVersion: '16.6',
    rpoLagMs: [850, 920, 780],
    promotionSeconds: TIMING_MODEL.promotion.seconds,
    promotionErrors: [],
    fence: 'fenced',
    approval: { afterSeconds: 240, decision: 'approve' },
    validator: 'ready',
  };
}

function tasksOf(states: Record<string, AslState>, out: Record<string, AslState> = {}): Record<string, AslState> {
  for (const [name, s] of Object.entries(states)) {
    if (s.Type === 'Task') out[name] = s;
    if (s.ItemProcessor) tasksOf(s.ItemProcessor.States, out);
  }
  return out;
}

function retryWait(retrier: { IntervalSeconds?: number; BackoffRate?: number; MaxDelaySeconds?: number }, attempt: number): number {
  // ASL defaults: IntervalSeconds 1, BackoffRate 2; attempt is 1-based.
  const wait = (retrier.IntervalSeconds ?? 1) * Math.pow(retrier.BackoffRate ?? 2, attempt - 1);
  return retrier.MaxDelaySeconds !== undefined ? Math.min(wait, retrier.MaxDelaySeconds) : wait;
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function runScenario(scenario: Scenario, base: DrillFigures): Promise<DrillResult> {
  const figures: DrillFigures = { ...base, ...scenario.figures, source: base.source };
  const timeout = executionTimeoutSeconds(figures);
  const vars = exampleVariables({
    require_approval: figures.requireApproval,
    approval_timeout_seconds: figures.approvalTimeoutSeconds,
    poll_interval_seconds: figures.pollIntervalSeconds,
    max_poll_attempts: figures.maxPollAttempts,
    execution_timeout_seconds: timeout,
  });
  const definition: AslDefinition = renderStateMachine(vars);
  const clock = new Clock();
  const tasks = tasksOf(definition.States);
  const world = new World(
    { ...baselineWorld(vars), ...scenario.world },
    clock,
    { fence: String(vars.fence_function_arn), validator: String(vars.validator_function_arn), probe: String(vars.probe_function_arn) },
    Object.fromEntries(Object.entries(tasks).map(([n, s]) => [n, s.TimeoutSeconds])),
  );

  const handlers: Record<string, (input: unknown) => Promise<never>> = {};
  for (const [name, state] of Object.entries(tasks)) {
    handlers[name] = async (input) => {
      // Let the event consumer record this state's entry (and any retry wait) on the clock first.
      await new Promise((resolve) => setImmediate(resolve));
      return (await world.answer(name, state.Resource ?? '', input)) as never;
    };
  }
  const waits: Record<string, number> = {};
  const retries: Record<string, number> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Wait') waits[name] = 1;
    if (state.Retry) retries[name] = 1;
  }

  const machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { checkArn: true, checkPaths: true } });
  const execution = machine.run(scenario.input as never, {
    overrides: { taskResourceLocalHandlers: handlers as never, waitTimeOverrides: waits, retryIntervalOverrides: retries },
    context: {
      Execution: { Id: `arn:aws:states:us-east-2:111122223333:execution:trading-dev-failover:drill-${scenario.name}`, Name: `drill-${scenario.name}` },
      State: { EnteredTime: '2025-03-14T14:07:00.000Z' },
      Task: { Token: TASK_TOKEN },
    },
  });

  const topLevel = new Set(Object.keys(definition.States));
  const timeline: TimelineEntry[] = [];
  const path: string[] = [];
  const problems: string[] = [];
  const consumer = (async () => {
    for await (const ev of execution.eventLogs) {
      if (!('state' in ev) || !ev.state || !topLevel.has(ev.state.name)) continue;
      const state = definition.States[ev.state.name]!;
      const last = [...timeline].reverse().find((t) => t.state === ev.state.name);
      switch (ev.type) {
        case 'StateEntered':
          path.push(ev.state.name);
          timeline.push({ at: clock.now, state: ev.state.name, type: state.Type, notes: [] });
          if (state.Type === 'Wait') clock.advance(state.Seconds ?? 0);
          break;
        case 'StateExited':
          if (last) last.seconds = clock.now - last.at;
          break;
        case 'StateFailed':
          if (state.Type !== 'Fail' && !world.injected.has(ev.Error)) {
            problems.push(`${ev.state.name} failed with ${ev.Error} (${String(ev.Cause)}), which the scenario did not inject.`);
          }
          if (last && state.Type !== 'Fail') last.notes.push(`failed: ${ev.Error}`);
          break;
        case 'StateRetried': {
          const wait = retryWait(ev.retry.retrier, ev.retry.attempt);
          clock.advance(wait);
          last?.notes.push(`retry ${ev.retry.attempt} after ${wait} s`);
          break;
        }
        case 'StateCaught':
          last?.notes.push(`caught -> ${ev.catch.catcher.Next}`);
          break;
      }
    }
  })();

  let status: Status = 'SUCCEEDED';
  let error: string | undefined;
  let cause: string | undefined;
  try {
    await execution.result;
  } catch (err) {
    status = 'FAILED';
    const inner = err instanceof ExecutionError ? (err.cause as { name?: string; message?: string } | undefined) : undefined;
    error = inner?.name ?? (err as Error).name;
    cause = inner?.message ?? (err as Error).message;
  }
  await consumer;

  problems.push(...world.problems);
  const mismatches: string[] = [];
  const want = scenario.expect;
  if (status !== want.status) mismatches.push(`status ${status}, expected ${want.status}`);
  if (want.error !== undefined && error !== want.error) mismatches.push(`error ${error ?? 'none'}, expected ${want.error}`);
  for (const s of want.visits ?? []) if (!path.includes(s)) mismatches.push(`never entered ${s}`);
  for (const s of want.avoids ?? []) if (path.includes(s)) mismatches.push(`entered ${s}, which it must not`);
  if (want.oldRegionServing !== undefined && world.oldRegionServing !== want.oldRegionServing) mismatches.push(`the old region ${world.oldRegionServing ? 'serves' : 'does not serve'}, expected it ${want.oldRegionServing ? 'to serve' : 'not to'}`);
  if (clock.now > timeout) mismatches.push(`took ${round(clock.now)} s, beyond the execution timeout of ${timeout} s`);

  const result: DrillResult = {
    scenario,
    figures,
    status,
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
    path,
    timeline,
    notifications: world.notifications,
    oldRegionServing: world.oldRegionServing,
    simulatedSeconds: round(clock.now),
    executionTimeoutSeconds: timeout,
    mismatches,
    problems,
    loop: loopOf(definition),
  };
  if (status === 'SUCCEEDED' && world.promotionStartedAt !== null && world.promotionObservedAt !== null) {
    result.rto = estimateRto(scenario.trigger, figures, clock.now, world.promotionObservedAt - world.promotionStartedAt);
  }
  return result;
}

function loopOf(definition: AslDefinition): DrillResult['loop'] {
  const states = cycles(definition.States).flat();
  return { states, start: states.find((s) => definition.States[s]?.Type === 'Wait') ?? states[0] ?? null };
}

/**
 * RTO = detection + orchestration + promotion + DNS (modules/failover-orchestrator/README.md, "Recovery objectives"):
 *   detection: planned switchovers have none; a manual recovery starts after Route 53 has seen the
 *     primary fail (interval x threshold; the operator's own decision time comes on top); an automatic
 *     one after probe_failure_datapoints one-minute probes;
 *   orchestration + promotion: the simulated execution (promotion = promotion call to the poll that
 *     saw the new writer);
 *   DNS: the activated region's health check turning healthy (interval x threshold consecutive
 *     successes) plus the alias answer cached by resolvers.
 */
export function estimateRto(trigger: Trigger, f: DrillFigures, executionSeconds: number, promotionSeconds: number): RtoEstimate {
  const interval = TIMING_MODEL.healthCheckInterval.seconds;
  const detection =
    trigger === 'planned'
      ? { s: 0, basis: 'planned: no detection' }
      : trigger === 'manual'
        ? { s: interval * f.healthCheckFailureThreshold, basis: `Route 53 ${interval} s x ${f.healthCheckFailureThreshold} (+ operator decision, not modelled)` }
        : { s: TIMING_MODEL.probeInterval.seconds * f.probeFailureDatapoints, basis: `probe ${TIMING_MODEL.probeInterval.seconds} s x ${f.probeFailureDatapoints} datapoints` };
  const dns = interval * f.healthCheckFailureThreshold + TIMING_MODEL.dnsAliasTtl.seconds;
  const orchestration = executionSeconds - promotionSeconds;
  return {
    detectionSeconds: detection.s,
    detectionBasis: detection.basis,
    orchestrationSeconds: round(orchestration),
    promotionSeconds: round(promotionSeconds),
    dnsSeconds: dns,
    dnsBasis: `health check ${interval} s x ${f.healthCheckFailureThreshold} + alias TTL ${TIMING_MODEL.dnsAliasTtl.seconds} s`,
    totalSeconds: round(detection.s + orchestration + promotionSeconds + dns),
  };
}
