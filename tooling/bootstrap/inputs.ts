// `make bootstrap-state` and `make bootstrap-dns`: the bootstrap roots' inputs, taken from the
// environment's terraform.tfvars and backend.hcl (the same files the preflight reads), and what to do
// next once they have run. Pure functions; tooling/bin/bootstrap.ts runs Terraform.
import { posix } from 'node:path';
import { UserError } from '../core/errors.ts';
import { findPlaceholders } from '../preflight/checks/placeholders.ts';
import type { PreflightEnvironment } from '../preflight/environment.ts';

export interface BootstrapRun {
  /** bootstrap/<root> */
  dir: string;
  /** Local workspace (bootstrap/state: one per account); null keeps the default. */
  workspace: string | null;
  /** -backend-config arguments for init (bootstrap/dns: the environment's backend, another key). */
  backendConfig: string[];
  vars: Record<string, string | string[]>;
}

function refusePlaceholders(env: PreflightEnvironment, fields: string[]): void {
  const found = env.sources.flatMap((s) => findPlaceholders(s.file, s.values)).filter((f) => fields.some((name) => f.path === name || f.path.startsWith(`${name}[`)));
  if (found.length) {
    throw new UserError(`${found.map((f) => `${f.file}: ${f.path} = "${f.value}" is ${f.label}`).join('; ')}: set the real value before bootstrapping.`);
  }
}

/**
 * bootstrap/state for the account of `env`: one workspace per account, and backend.hcl lines for
 * every environment whose account_id is the same (so dev and staging in one account share a bucket).
 */
export function stateRun(env: PreflightEnvironment, all: readonly PreflightEnvironment[]): BootstrapRun {
  refusePlaceholders(env, ['account_id', 'allowed_account_ids']);
  const sameAccount = all.filter((e) => e.accountId === env.accountId);
  const others = sameAccount.filter((e) => e.regions.primary !== env.regions.primary || e.regions.secondary !== env.regions.secondary || e.project !== env.project);
  if (others.length) {
    throw new UserError(`${others.map((e) => e.env).join(', ')} share account ${env.accountId} with ${env.env} but not its project and regions: the account's state buckets serve them all, so make them agree.`);
  }
  return {
    dir: 'bootstrap/state',
    workspace: env.accountId,
    backendConfig: [],
    vars: {
      project: env.project,
      account_id: env.accountId,
      primary_region: env.regions.primary,
      replica_region: env.regions.secondary,
      environments: sameAccount.map((e) => e.env),
    },
  };
}

/** The state key of bootstrap/dns: next to the environment's own state, in the same bucket. */
export function dnsStateKey(environmentKey: string): string {
  const dir = posix.dirname(environmentKey);
  return dir === '.' ? 'bootstrap-dns.tfstate' : `${dir}/bootstrap-dns.tfstate`;
}

export function dnsRun(env: PreflightEnvironment): BootstrapRun {
  refusePlaceholders(env, ['account_id', 'allowed_account_ids', 'zone_name']);
  if (!env.backend) {
    throw new UserError(`${env.files.backend} does not exist: run make bootstrap-state ENV=${env.env} LIVE=1 first and write its backend_hcl output for ${env.env} there (docs/first-deployment.md).`);
  }
  refusePlaceholders(env, ['bucket']);
  return {
    dir: 'bootstrap/dns',
    workspace: null,
    backendConfig: [`-backend-config=${env.files.backend}`, `-backend-config=key=${dnsStateKey(env.backend.key)}`],
    vars: {
      project: env.project,
      environment: env.env,
      account_id: env.accountId,
      region: env.regions.primary,
      zone_name: env.zoneName,
    },
  };
}

/** `-var` arguments (lists as HCL/JSON lists). */
export function varArgs(vars: BootstrapRun['vars']): string[] {
  return Object.entries(vars).map(([k, v]) => `-var=${k}=${Array.isArray(v) ? JSON.stringify(v) : v}`);
}

export function stateNextSteps(outputs: { backend_hcl: Record<string, string>; backend_hcl_replica: Record<string, string> }): string {
  const lines = ['State buckets ready. Write each environment\'s backend.hcl:', ''];
  for (const [env, text] of Object.entries(outputs.backend_hcl)) lines.push(`# environments/${env}/backend.hcl`, text.trimEnd(), '');
  lines.push(
    'During a loss of the primary region, use these instead (terraform init -reconfigure; see docs/first-deployment.md):',
    '',
  );
  for (const [env, text] of Object.entries(outputs.backend_hcl_replica)) lines.push(`# environments/${env}/backend.hcl (replica)`, text.trimEnd(), '');
  lines.push('Keep a copy of this root\'s own state in the bucket (docs/first-deployment.md, "Bootstrap the state").');
  return `${lines.join('\n')}\n`;
}

export function dnsNextSteps(env: PreflightEnvironment, outputs: { zone_id: string; name_servers: string[]; parent_zone_records: string }): string {
  return [
    `Hosted zone ${outputs.zone_id} created for ${env.zoneName}. Name servers to delegate to:`,
    '',
    ...outputs.name_servers.map((n) => `  ${n}`),
    '',
    `Next: in the parent zone of ${env.zoneName}, create these NS records:`,
    '',
    outputs.parent_zone_records,
    '',
    `then set hosted_zone_id = "${outputs.zone_id}" in ${env.files.tfvars}, and check the delegation with`,
    `make preflight ENV=${env.env} LIVE=1 (dig NS ${env.zoneName} answers the four name servers once it is in place).`,
    '',
  ].join('\n');
}
