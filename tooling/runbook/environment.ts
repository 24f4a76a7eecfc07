// What the runbook commands (make failover, approve, reject, status) know about an environment without
// Terraform state: environments/<env>/terraform.tfvars, read through the HCL adapter, and the names the
// modules derive from it. State lives in an S3 bucket in one region, so a runbook that read it would
// fail with that region; the names below are the modules' own naming convention instead, each with the
// Terraform expression it mirrors (tests/plans/runbook-names.test.ts compares them with the plans).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { parseHcl, type HclValue } from '../terraform/hcl.ts';
import type { Environment } from '../terraform/workspace.ts';

/** An AWS region name such as us-east-2 (the same pattern as the environments' validation). */
export const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export interface RunbookEnvironment {
  env: Environment;
  /** environments/<env>/terraform.tfvars, for messages. */
  file: string;
  /** environments/shared/main.tf: name_prefix = "${var.project}-${var.environment}". */
  namePrefix: string;
  /** environments/shared/main.tf: ssm_prefix = "/${var.project}/${var.environment}". */
  ssmPrefix: string;
  regions: { primary: string; secondary: string };
  /** account_id and allowed_account_ids: the credentials must reach this account and no other. */
  accountId: string;
  allowedAccountIds: string[];
  /** failover.require_approval (the variable's default is true). */
  requireApproval: boolean;
}

/** Reads environments/<env>/terraform.tfvars under `root` (the repository by default). */
export async function loadRunbookEnvironment(env: Environment, root = repoRoot): Promise<RunbookEnvironment> {
  const file = `environments/${env}/terraform.tfvars`;
  const path = join(root, file);
  if (!existsSync(path)) throw new UserError(`${file} does not exist.`);
  return runbookEnvironmentFrom(env, file, (await parseHcl(file, readFileSync(path, 'utf8'))) as HclValue);
}

/** The pure half of loadRunbookEnvironment: shape checks on the parsed tfvars (a wrong shape is a UserError). */
export function runbookEnvironmentFrom(env: Environment, file: string, values: HclValue): RunbookEnvironment {
  if (!values || typeof values !== 'object' || Array.isArray(values)) throw new UserError(`${file} must be a set of variable assignments.`);
  const vars = values;
  const str = (name: string, pattern?: RegExp): string => {
    const v = vars[name];
    if (typeof v !== 'string' || !v || (pattern && !pattern.test(v))) throw new UserError(`${file}: ${name} must be set${pattern ? ' correctly' : ''} (got ${JSON.stringify(v ?? null)}).`);
    return v;
  };
  const project = str('project', /^[a-z][a-z0-9-]{1,14}$/);
  const environment = str('environment', /^(dev|staging|prod)$/);
  if (environment !== env) throw new UserError(`${file} says environment = "${environment}", not ${env}.`);
  const primary = str('primary_region', REGION);
  const secondary = str('secondary_region', REGION);
  if (primary === secondary) throw new UserError(`${file}: primary_region and secondary_region are both ${primary}.`);
  const allowed = vars.allowed_account_ids;
  if (!Array.isArray(allowed) || !allowed.every((a) => typeof a === 'string' && /^\d{12}$/.test(a))) {
    throw new UserError(`${file}: allowed_account_ids must be a list of 12-digit account IDs.`);
  }
  const failover = vars.failover;
  const approval = failover && typeof failover === 'object' && !Array.isArray(failover) ? failover.require_approval : undefined;
  return {
    env,
    file,
    namePrefix: `${project}-${environment}`,
    ssmPrefix: `/${project}/${environment}`,
    regions: { primary, secondary },
    accountId: str('account_id', /^\d{12}$/),
    allowedAccountIds: allowed as string[],
    requireApproval: approval !== false,
  };
}

/** Both regions of the environment, primary first. */
export function regionsOf(e: RunbookEnvironment): [string, string] {
  return [e.regions.primary, e.regions.secondary];
}

/** A UserError unless `region` is one of the environment's two regions. */
export function requireEnvironmentRegion(e: RunbookEnvironment, region: string, what: string): void {
  if (!regionsOf(e).includes(region)) {
    throw new UserError(`${what} ${region} is neither region of ${e.env} (${regionsOf(e).join(', ')}).`);
  }
}

/** The partition of a region: arn:<partition>:... and the DNS suffix of its endpoints. */
export function partitionOf(region: string): { partition: string; dnsSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com' };
  return { partition: 'aws', dnsSuffix: 'amazonaws.com' };
}

/** The names and ARNs of one region's resources the runbook calls, by the modules' naming convention. */
export interface RegionResources {
  region: string;
  /** modules/failover-orchestrator/main.tf: state_machine_name = "${var.name_prefix}-failover" (both regions). */
  stateMachineArn: string;
  /** modules/failover-orchestrator/main.tf: region_fence_name = "${var.name_prefix}-region-fence" (both regions). */
  regionFenceFunction: string;
  /** modules/regional-stack/main.tf: serving_parameter_name = "${var.ssm_prefix}/${local.region}/serving". */
  servingParameter: string;
  /** modules/regional-stack/queues.tf: "${var.name_prefix}-trade-orders" and "...-trade-orders-dlq". */
  ordersQueueUrl: string;
  deadLetterQueueUrl: string;
  /** modules/failover-orchestrator/modules/region/approvals.tf: "${var.name_prefix}-failover-approvals". */
  approvalQueueUrl: string;
  /** modules/regional-stack/main.tf: cluster_identifier = "${var.name_prefix}-${local.region}". */
  clusterIdentifier: string;
}

export function regionResources(e: RunbookEnvironment, region: string, account: string): RegionResources {
  const { partition, dnsSuffix } = partitionOf(region);
  // The queue URL format AWS returns for a queue: https://sqs.<region>.<suffix>/<account>/<name>
  // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html).
  const queue = (name: string) => `https://sqs.${region}.${dnsSuffix}/${account}/${name}`;
  return {
    region,
    stateMachineArn: `arn:${partition}:states:${region}:${account}:stateMachine:${e.namePrefix}-failover`,
    regionFenceFunction: `${e.namePrefix}-region-fence`,
    servingParameter: `${e.ssmPrefix}/${region}/serving`,
    ordersQueueUrl: queue(`${e.namePrefix}-trade-orders`),
    deadLetterQueueUrl: queue(`${e.namePrefix}-trade-orders-dlq`),
    approvalQueueUrl: queue(`${e.namePrefix}-failover-approvals`),
    clusterIdentifier: `${e.namePrefix}-${region}`,
  };
}

/** modules/global-data/aurora.tf: global_cluster_identifier = "${var.name_prefix}-global". */
export function globalClusterId(e: RunbookEnvironment): string {
  return `${e.namePrefix}-global`;
}

/**
 * The account the credentials reach (STS GetCallerIdentity), checked against the environment: a
 * runbook command run with another account's credentials would act on, or report, the wrong platform.
 */
export function checkAccount(e: RunbookEnvironment, account: string | undefined, caller: string | undefined): string {
  const found = account ?? '';
  if (found === e.accountId && e.allowedAccountIds.includes(found)) return found;
  throw new UserError(
    `The credentials are for account ${found || 'unknown'} (${caller ?? 'caller'}), but ${e.env} is account ${e.accountId} (${e.file}): use credentials for ${e.accountId}.`,
  );
}
