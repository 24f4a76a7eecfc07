// The orchestration figures a drill runs with: the failover module's defaults (read from its
// variables.tf), optionally replaced by an environment's planned rto_parameters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/paths.ts';
import { plannedOutput, type PlanDocument } from '../terraform/plan-json.ts';
import { UserError } from '../core/errors.ts';

export interface DrillFigures {
  healthCheckFailureThreshold: number;
  requireApproval: boolean;
  approvalTimeoutSeconds: number;
  pollIntervalSeconds: number;
  maxPollAttempts: number;
  probeFailureDatapoints: number;
  /** Whether the canary alarm in the secondary starts a failover by itself. */
  autoFailoverEnabled: boolean;
  /** Where the figures came from, for the report. */
  source: string;
}

const VARIABLES_TF = join(repoRoot, 'modules', 'failover-orchestrator', 'variables.tf');

/** `default = <literal>` of one variable block in variables.tf. */
function defaultOf(source: string, name: string): string {
  const start = source.indexOf(`variable "${name}" {`);
  if (start < 0) throw new UserError(`modules/failover-orchestrator/variables.tf declares no variable "${name}".`);
  const next = source.indexOf('\nvariable "', start + 1);
  const block = source.slice(start, next < 0 ? undefined : next);
  const m = /^\s*default\s*=\s*(\S+)\s*$/m.exec(block);
  if (!m?.[1]) throw new UserError(`variable "${name}" in modules/failover-orchestrator/variables.tf has no literal default.`);
  return m[1];
}

export function moduleDefaults(source = readFileSync(VARIABLES_TF, 'utf8')): DrillFigures {
  const num = (name: string) => {
    const n = Number(defaultOf(source, name));
    if (!Number.isFinite(n)) throw new UserError(`variable "${name}" default is not a number.`);
    return n;
  };
  return {
    healthCheckFailureThreshold: num('health_check_failure_threshold'),
    requireApproval: defaultOf(source, 'require_approval') === 'true',
    approvalTimeoutSeconds: num('approval_timeout_seconds'),
    pollIntervalSeconds: num('poll_interval_seconds'),
    maxPollAttempts: num('max_poll_attempts'),
    probeFailureDatapoints: num('probe_failure_datapoints'),
    autoFailoverEnabled: defaultOf(source, 'auto_failover_enabled') === 'true',
    source: 'modules/failover-orchestrator/variables.tf defaults',
  };
}

/**
 * The figures of a planned environment (root output failover_rto_parameters in build/plans/<env>.json).
 * Approval is taken from the plan too, so `--env prod` drills with the approval step prod deploys.
 */
export function planFigures(env: string, planFile = join(repoRoot, 'build', 'plans', `${env}.json`)): DrillFigures {
  if (!existsSync(planFile)) {
    throw new UserError(`No plan for ${env} at build/plans/${env}.json: run \`make plan ENV=${env}\` first, or drill without --env to use the module defaults.`);
  }
  let plan: PlanDocument;
  try {
    plan = JSON.parse(readFileSync(planFile, 'utf8'));
  } catch {
    throw new UserError(`build/plans/${env}.json is not JSON: re-run \`make plan ENV=${env}\`.`);
  }
  const p = plannedOutput(plan, 'failover_rto_parameters');
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new UserError(`build/plans/${env}.json has no failover_rto_parameters output: re-run \`make plan ENV=${env}\`.`);
  const num = (k: string) => {
    const v = p[k];
    if (typeof v !== 'number') throw new UserError(`failover_rto_parameters.${k} in build/plans/${env}.json is not a number.`);
    return v;
  };
  const requireApproval = p.require_approval === true;
  return {
    healthCheckFailureThreshold: num('failure_threshold'),
    requireApproval,
    // rto_parameters carries 0 when there is no approval step; the configured bound is irrelevant then.
    approvalTimeoutSeconds: requireApproval ? num('approval_timeout_seconds') : moduleDefaults().approvalTimeoutSeconds,
    pollIntervalSeconds: num('poll_interval_seconds'),
    maxPollAttempts: num('max_poll_attempts'),
    probeFailureDatapoints: num('probe_failure_datapoints'),
    autoFailoverEnabled: p.auto_failover_enabled === true,
    source: `build/plans/${env}.json (failover_rto_parameters)`,
  };
}
