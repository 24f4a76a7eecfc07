// `make failover`: turns ENV/MODE/TARGET/REASON into the one AWS CLI call that starts a recovery in
// the target region's state machine. Pure functions here; tooling/bin/failover.ts does the I/O.
import { parseEnvironment, type Environment } from '../terraform/workspace.ts';
import { UserError } from '../core/errors.ts';

export const MODES = ['switchover', 'failover'] as const;
export type Mode = (typeof MODES)[number];

export interface FailoverRequest {
  env: Environment;
  mode: Mode;
  target: string;
  reason: string;
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function parseFailoverRequest(args: { env?: unknown; mode?: unknown; target?: unknown; reason?: unknown }): FailoverRequest {
  const env = parseEnvironment(typeof args.env === 'string' ? args.env : undefined);
  const mode = String(args.mode ?? '');
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UserError(`MODE must be switchover (planned, both regions healthy, RPO 0) or failover (unplanned, may lose the replication lag); got "${mode}".`);
  }
  const target = String(args.target ?? '');
  if (!REGION.test(target)) throw new UserError(`TARGET must be the region to activate, such as us-east-2; got "${target}".`);
  const reason = typeof args.reason === 'string' ? args.reason.trim() : '';
  if (!reason) throw new UserError('REASON must say why (it is recorded in the execution and every notification), e.g. REASON="us-east-1 outage, incident 1234".');
  return { env, mode: mode as Mode, target, reason };
}

/** The state machine that runs in the target region, from the root output failover_state_machine_arns. */
export function stateMachineFor(target: string, arns: Record<string, string>): string {
  const byRegion = new Map(Object.values(arns).map((arn) => [arn.split(':')[3], arn]));
  const arn = byRegion.get(target);
  if (!arn) {
    throw new UserError(`TARGET ${target} is neither region of this environment (${[...byRegion.keys()].join(', ')}): a recovery runs in the region it activates.`);
  }
  return arn;
}

/** Execution names must be unique per state machine; a UTC timestamp keeps them sortable. */
export function executionName(mode: Mode, now: Date): string {
  return `${mode}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** Arguments of `aws stepfunctions start-execution` (the input JSON is built, never hand-quoted). */
export function startExecutionArgs(request: FailoverRequest, stateMachineArn: string, now: Date): string[] {
  return [
    'stepfunctions',
    'start-execution',
    '--region',
    request.target,
    '--state-machine-arn',
    stateMachineArn,
    '--name',
    executionName(request.mode, now),
    '--input',
    JSON.stringify({ mode: request.mode, targetRegion: request.target, reason: request.reason }),
  ];
}
