// One leg of the game day: a switchover into `target` started exactly as `make failover` starts it
// (tooling/failover/start.ts startRecovery: STS and StartExecution in the target region only, never
// the region being left), then followed with DescribeExecution in the same region until it ends. The
// outcome is the execution's: SUCCEEDED only after the state machine's CheckVerdict saw the
// failover-validator's `ready: true` (its output keeps the report at $.validation.report); FAILED
// carries the failing stage's error and cause (the Fail state's ErrorPath/CausePath).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { startRecovery } from '../failover/start.ts';
import type { GamedayEnvironment } from './environment.ts';
import type { Clock, GamedayClients } from './ports.ts';

export interface ExecutionOutcome {
  status: string;
  error: string | null;
  cause: string | null;
  /** $.validation.report.ready of a finished execution's output; null when there is none. */
  validatorReady: boolean | null;
  /** The validator's failing checks, by name, when it reported any. */
  failingChecks: string[];
}

export function outcomeOf(out: { status?: string; error?: string; cause?: string; output?: string }): ExecutionOutcome {
  let ready: boolean | null = null;
  let failing: string[] = [];
  if (out.output) {
    try {
      const report = (JSON.parse(out.output) as { validation?: { report?: { ready?: unknown; checks?: { name?: string; ok?: boolean }[] } } }).validation?.report;
      if (typeof report?.ready === 'boolean') ready = report.ready;
      failing = (report?.checks ?? []).filter((c) => c.ok === false).map((c) => c.name ?? '?');
    } catch {
      // An output that is not JSON carries no verdict.
    }
  }
  return { status: out.status ?? 'UNKNOWN', error: out.error ?? null, cause: out.cause ?? null, validatorReady: ready, failingChecks: failing };
}

export async function startSwitchover(env: GamedayEnvironment, target: string, reason: string, clients: GamedayClients, now: Date): Promise<string> {
  const started = await startRecovery(env, { env: env.env, mode: 'switchover', target, reason }, clients, now);
  return started.executionArn;
}

/** Polls until the execution ends or `boundMs` passes; a region that does not answer is asked again. */
export async function followExecution(
  executionArn: string,
  region: string,
  clients: GamedayClients,
  clock: Clock,
  pollMs: number,
  boundMs: number,
  log: (line: string) => void,
): Promise<ExecutionOutcome> {
  const until = clock.now() + boundMs;
  let lastError = '';
  for (;;) {
    try {
      const out = await clients.sfn(region).send(new DescribeExecutionCommand({ executionArn }));
      if (out.status !== 'RUNNING' && out.status !== 'PENDING_REDRIVE') return outcomeOf(out);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (message !== lastError) log(`DescribeExecution in ${region} failed (${message}); asking again`);
      lastError = message;
    }
    if (clock.now() >= until) {
      return { status: 'UNKNOWN', error: 'NotFollowed', cause: `the execution had not ended after ${Math.round(boundMs / 1000)} s${lastError ? `; last error: ${lastError}` : ''}`, validatorReady: null, failingChecks: [] };
    }
    await clock.sleep(pollMs);
  }
}
