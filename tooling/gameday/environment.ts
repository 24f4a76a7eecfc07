// What the game day knows about an environment, from environments/<env>/terraform.tfvars alone (as the
// runbook commands do, never Terraform state): the runbook's names and regions, the shared API name the
// reference client calls, each region's audit bucket (where "processed" is observed) and the declared
// recovery-time budget. Pure: the CLI parses the file, this checks and derives.
import { UserError } from '../core/errors.ts';
import { sharedUrlFrom } from '../client/cli.ts';
import { runbookEnvironmentFrom, type RunbookEnvironment } from '../runbook/environment.ts';
import type { HclValue } from '../terraform/hcl.ts';
import type { Environment } from '../terraform/workspace.ts';

export interface GamedayEnvironment extends RunbookEnvironment {
  /** https://api.<zone_name>: the shared name (client/cli.ts sharedUrlFrom). */
  sharedUrl: string;
  sharedHost: string;
  /** Per region: modules/global-data/modules/regional-buckets "<bucket_name_prefix>-audit-<region>". */
  auditBuckets: Record<string, string>;
  /** rto_budget_seconds: the total plan-lint checks the computed budget against (environments/shared/variables.tf). */
  rtoBudgetSeconds: number;
  /** failover.health_check_failure_threshold (composition default 3). */
  healthCheckFailureThreshold: number;
}

/** environments/shared/variables.tf: failover.health_check_failure_threshold = optional(number, 3). */
const DEFAULT_FAILURE_THRESHOLD = 3;

export function gamedayEnvironmentFrom(env: Environment, file: string, values: HclValue): GamedayEnvironment {
  const base = runbookEnvironmentFrom(env, file, values);
  const vars = values as Record<string, HclValue>;
  const sharedUrl = sharedUrlFrom(file, values);
  const budget = vars.rto_budget_seconds;
  if (typeof budget !== 'number' || !(budget > 0)) throw new UserError(`${file}: rto_budget_seconds must be set to the environment's recovery-time budget in seconds.`);
  // environments/shared/main.tf: coalesce(var.bucket_name_prefix, "${local.name_prefix}-${var.account_id}").
  const prefix = typeof vars.bucket_name_prefix === 'string' && vars.bucket_name_prefix ? vars.bucket_name_prefix : `${base.namePrefix}-${base.accountId}`;
  const failover = vars.failover;
  const threshold = failover && typeof failover === 'object' && !Array.isArray(failover) ? failover.health_check_failure_threshold : undefined;
  return {
    ...base,
    sharedUrl,
    sharedHost: new URL(sharedUrl).hostname,
    auditBuckets: Object.fromEntries([base.regions.primary, base.regions.secondary].map((r) => [r, `${prefix}-audit-${r}`])),
    rtoBudgetSeconds: budget,
    healthCheckFailureThreshold: typeof threshold === 'number' ? threshold : DEFAULT_FAILURE_THRESHOLD,
  };
}
