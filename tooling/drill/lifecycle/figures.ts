// The figures a lifecycle scenario runs with. Orchestration figures (threshold, approval, poll bound,
// automatic trigger) come from the environment's plan, build/plans/<env>.json, as `--env` does for the
// state-machine drill. Without a plan, the same inputs are read from environments/<env>/terraform.tfvars
// (over the composition's optional() defaults), and the figures say so. Without an env, the module
// defaults apply. Queue, processor and health-function figures are regional-stack's defaults, which
// no environment overrides today.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { repoRoot } from '../../core/paths.ts';
import { parseHcl, type HclValue } from '../../terraform/hcl.ts';
import type { PlanDocument } from '../../terraform/plan-json.ts';
import { moduleDefaults, planFigures, type DrillFigures } from '../figures.ts';

export interface LifecycleFigures extends DrillFigures {
  env: string | null;
  /** The pair: `primary` starts as the writer and serves; `secondary` is the standby with the canary. */
  regions: { primary: string; secondary: string };
  /** Regional health function: serving-flag cache and per-probe timeout. */
  flagCacheSeconds: number;
  healthProbeTimeoutMs: number;
  /** Trade queue and its event source. */
  maxReceiveCount: number;
  batchSize: number;
  visibilityTimeoutSeconds: number;
  /** The processor's reserved concurrency: at most this many batches at once. */
  processorConcurrency: number;
  /** The canary's request timeout (failover-orchestrator probe_timeout_ms). */
  primaryProbeTimeoutMs: number;
  /** The failover-validator's thresholds (regional-stack alarm_thresholds defaults). */
  rpoLagThresholdSeconds: number;
  replicationLatencyThresholdMs: number;
}

const REGIONAL_VARIABLES = join(repoRoot, 'modules', 'regional-stack', 'variables.tf');
const ORCHESTRATOR_VARIABLES = join(repoRoot, 'modules', 'failover-orchestrator', 'variables.tf');
const COMPOSITION_VARIABLES = join(repoRoot, 'environments', 'shared', 'variables.tf');
/** Primary us-east-1 and secondary us-east-2, as in README.md (the composition has no default). */
const DEFAULT_REGIONS = { primary: 'us-east-1', secondary: 'us-east-2' };

function variableBlock(source: string, file: string, name: string): string {
  const start = source.indexOf(`variable "${name}" {`);
  if (start < 0) throw new UserError(`${file} declares no variable "${name}".`);
  const next = source.indexOf('\nvariable "', start + 1);
  return source.slice(start, next < 0 ? undefined : next);
}

/** The default of `field = optional(<type>, <default>)` inside variable `name` (optionally inside `within = optional(object({`). */
export function optionalDefault(source: string, file: string, name: string, field: string, within?: string): string {
  let block = variableBlock(source, file, name);
  if (within) {
    const at = block.search(new RegExp(`\\b${within}\\s*=\\s*optional\\(object\\(\\{`));
    if (at < 0) throw new UserError(`${file}: variable "${name}" has no ${within} object.`);
    const end = block.indexOf('})', at);
    block = block.slice(at, end < 0 ? undefined : end);
  }
  const m = new RegExp(`\\b${field}\\s*=\\s*optional\\(\\s*\\w+\\s*,\\s*([^)\\s]+)\\s*\\)`).exec(block);
  if (!m?.[1]) throw new UserError(`${file}: variable "${name}" gives ${within ? `${within}.` : ''}${field} no literal optional() default.`);
  return m[1];
}

function wholeNumber(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new UserError(`${what} default is not a number.`);
  return n;
}

/** regional-stack and failover-orchestrator defaults the lifecycle needs beyond the orchestration figures. */
export function regionalDefaults(
  regional = readFileSync(REGIONAL_VARIABLES, 'utf8'),
  orchestrator = readFileSync(ORCHESTRATOR_VARIABLES, 'utf8'),
): Omit<LifecycleFigures, keyof DrillFigures | 'env' | 'regions'> {
  const f = 'modules/regional-stack/variables.tf';
  const num = (name: string, field: string, within?: string) => wholeNumber(optionalDefault(regional, f, name, field, within), `${name}.${within ? `${within}.` : ''}${field}`);
  const processorTimeout = num('function_settings', 'timeout_seconds', 'trade_processor');
  const window = num('trade_queue', 'maximum_batching_window_in_seconds');
  const probe = /^\s*default\s*=\s*(\d+)\s*$/m.exec(variableBlock(orchestrator, 'modules/failover-orchestrator/variables.tf', 'probe_timeout_ms'));
  return {
    flagCacheSeconds: num('health_check', 'flag_cache_seconds'),
    healthProbeTimeoutMs: num('health_check', 'probe_timeout_ms'),
    maxReceiveCount: num('trade_queue', 'max_receive_count'),
    batchSize: num('trade_queue', 'batch_size'),
    processorConcurrency: num('function_settings', 'reserved_concurrency', 'trade_processor'),
    // modules/regional-stack/main.tf: 6 x the processor's timeout + the batching window.
    visibilityTimeoutSeconds: 6 * processorTimeout + window,
    primaryProbeTimeoutMs: probe?.[1] ? Number(probe[1]) : 5000,
    rpoLagThresholdSeconds: num('alarm_thresholds', 'rpo_lag_seconds'),
    replicationLatencyThresholdMs: num('alarm_thresholds', 'replication_latency_threshold_ms'),
  };
}

function regionsFromPlan(plan: PlanDocument): { primary: string; secondary: string } {
  const v = plan.variables ?? {};
  const p = v.primary_region?.value;
  const s = v.secondary_region?.value;
  return typeof p === 'string' && typeof s === 'string' ? { primary: p, secondary: s } : DEFAULT_REGIONS;
}

/** The orchestration inputs of environments/<env>/terraform.tfvars, over the composition's optional() defaults. */
async function tfvarsFigures(env: string, file: string): Promise<{ figures: DrillFigures; regions: { primary: string; secondary: string } }> {
  const doc = await parseHcl(`environments/${env}/terraform.tfvars`, readFileSync(file, 'utf8'));
  const failover = doc.failover as Record<string, HclValue> | undefined;
  if (!failover || typeof failover !== 'object' || Array.isArray(failover)) {
    throw new UserError(`environments/${env}/terraform.tfvars sets no failover object: run \`make plan ENV=${env}\` and drill from its plan.`);
  }
  const composition = readFileSync(COMPOSITION_VARIABLES, 'utf8');
  const pick = (key: string): HclValue => failover[key] ?? JSON.parse(optionalDefault(composition, 'environments/shared/variables.tf', 'failover', key)) as HclValue;
  const num = (key: string) => {
    const v = pick(key);
    if (typeof v !== 'number') throw new UserError(`failover.${key} in environments/${env}/terraform.tfvars is not a number.`);
    return v;
  };
  const defaults = moduleDefaults();
  const requireApproval = pick('require_approval') === true;
  return {
    figures: {
      ...defaults,
      healthCheckFailureThreshold: num('health_check_failure_threshold'),
      requireApproval,
      approvalTimeoutSeconds: num('approval_timeout_seconds'),
      probeFailureDatapoints: num('probe_failure_datapoints'),
      autoFailoverEnabled: pick('auto_failover_enabled') === true,
      source: `environments/${env}/terraform.tfvars (no plan at build/plans/${env}.json; module defaults for the rest)`,
    },
    regions: {
      primary: typeof doc.primary_region === 'string' ? doc.primary_region : DEFAULT_REGIONS.primary,
      secondary: typeof doc.secondary_region === 'string' ? doc.secondary_region : DEFAULT_REGIONS.secondary,
    },
  };
}

/** Figures for a scenario: the env's plan, else its tfvars, else (no env) the module defaults. */
export async function lifecycleFigures(env: string | null, root = repoRoot): Promise<LifecycleFigures> {
  const regional = regionalDefaults();
  if (env === null) return { ...moduleDefaults(), ...regional, env: null, regions: DEFAULT_REGIONS };
  const planFile = join(root, 'build', 'plans', `${env}.json`);
  if (existsSync(planFile)) {
    const figures = planFigures(env, planFile);
    let regions = DEFAULT_REGIONS;
    try {
      regions = regionsFromPlan(JSON.parse(readFileSync(planFile, 'utf8')) as PlanDocument);
    } catch {
      // planFigures has already read the file as JSON; an unreadable file cannot reach here.
    }
    return { ...figures, ...regional, env, regions };
  }
  const tfvars = join(root, 'environments', env, 'terraform.tfvars');
  if (!existsSync(tfvars)) {
    throw new UserError(`No plan for ${env} at build/plans/${env}.json and no environments/${env}/terraform.tfvars: run \`make plan ENV=${env}\` first, or leave "env" out to use the module defaults.`);
  }
  const { figures, regions } = await tfvarsFigures(env, tfvars);
  return { ...figures, ...regional, env, regions };
}
