// Terraform workflow shared by `make plan`, `make apply`, `make lint` and the test setup.
// Offline mode (the default) never needs AWS: providers come from a filesystem mirror, state is
// local under build/, and the providers get mock credentials plus every skip flag.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { $ } from 'zx';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export type Mode = 'offline' | 'live';

const PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';
const OVERRIDE_FILE = 'offline_override.tf';

export function parseEnvironment(value: string | undefined): Environment {
  if (value && (ENVIRONMENTS as readonly string[]).includes(value)) return value as Environment;
  throw new UserError(
    `Unknown environment "${value ?? ''}": use one of ${ENVIRONMENTS.join(', ')} (for example ENV=dev).`,
  );
}

export function envDir(env: Environment): string {
  return join(repoRoot, 'environments', env);
}

export function planPaths(env: Environment) {
  const dir = join(repoRoot, 'build', 'plans');
  return { dir, plan: join(dir, `${env}.tfplan`), json: join(dir, `${env}.json`), log: join(dir, `${env}.log`) };
}

/** True when `dir` is a filesystem mirror (unpacked layout) holding hashicorp/aws for this platform. */
export function mirrorHasAws(dir: string): boolean {
  const base = join(dir, PROVIDER_SOURCE);
  if (!existsSync(base)) return false;
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  for (const version of readdirSync(base)) {
    const platDir = join(base, version, platform);
    if (!existsSync(platDir)) continue;
    if (readdirSync(platDir).some((f) => f.startsWith('terraform-provider-aws'))) return true;
  }
  return false;
}

/**
 * Where the hashicorp/aws provider mirror lives. TF_PROVIDER_MIRROR wins and is never second-guessed;
 * otherwise Terraform's implied local mirror directories, then a shallow search of the filesystem.
 * The answer is kept for the process (the search walks the filesystem), per TF_PROVIDER_MIRROR value.
 */
const mirrors = new Map<string, Promise<string>>();
export function findMirror(): Promise<string> {
  const key = process.env.TF_PROVIDER_MIRROR ?? '';
  let found = mirrors.get(key);
  if (!found) {
    found = searchMirror();
    // A failed search is not kept: the next call looks again.
    found.catch(() => mirrors.delete(key));
    mirrors.set(key, found);
  }
  return found;
}

async function searchMirror(): Promise<string> {
  const explicit = process.env.TF_PROVIDER_MIRROR;
  if (explicit) {
    if (mirrorHasAws(explicit)) return resolve(explicit);
    throw new UserError(
      `TF_PROVIDER_MIRROR=${explicit} holds no ${PROVIDER_SOURCE} provider for this platform: point it at a ` +
        `filesystem mirror directory that contains ${PROVIDER_SOURCE}/<version>/<os_arch>/.`,
    );
  }
  const home = process.env.HOME ?? '';
  const implied = [
    join(home, '.terraform.d', 'plugins'),
    join(home, '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  for (const dir of implied) if (mirrorHasAws(dir)) return dir;

  const found = await $({ nothrow: true, quiet: true })`find / -maxdepth 6 -path ${'*/' + PROVIDER_SOURCE} -not -path '/proc/*'`;
  for (const line of found.stdout.split('\n')) {
    const root = line.trim().slice(0, -PROVIDER_SOURCE.length - 1);
    // A .terraform/providers directory is a working copy, not a mirror.
    if (root && !root.includes('/.terraform') && !root.includes('/build/terraform') && mirrorHasAws(root)) {
      return root;
    }
  }
  throw new UserError(
    `No filesystem mirror with the ${PROVIDER_SOURCE} provider was found: set TF_PROVIDER_MIRROR to the ` +
      `directory that contains ${PROVIDER_SOURCE}/.`,
  );
}

export async function requireTerraform(): Promise<string> {
  const bin = process.env.TERRAFORM_BIN ?? 'terraform';
  // `terraform version` asks HashiCorp's checkpoint service for updates unless told not to.
  const out = await $({ nothrow: true, quiet: true, env: { ...process.env, CHECKPOINT_DISABLE: '1' } })`${bin} version -json`;
  if (out.exitCode !== 0) {
    throw new UserError(
      `Terraform was not found ("${bin} version" failed): install Terraform ${requiredTerraformVersion()} ` +
        `or set TERRAFORM_BIN to its path.`,
    );
  }
  const version = JSON.parse(out.stdout).terraform_version as string;
  const wanted = requiredTerraformVersion();
  if (version !== wanted) {
    process.stderr.write(`warning: Terraform ${version} found, .terraform-version pins ${wanted}.\n`);
  }
  return bin;
}

export function requiredTerraformVersion(): string {
  return readFileSync(join(repoRoot, '.terraform-version'), 'utf8').trim();
}

/** Writes the project's Terraform CLI config (gitignored) and returns its path. */
export function writeCliConfig(mirror: string): string {
  const dir = join(repoRoot, '.terraform.d');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraformrc');
  const body = `# Written by tooling/terraform/workspace.ts; installs hashicorp providers from a local mirror only.
provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`;
  writeFileSync(file, body);
  return file;
}

/** Environment variables for every Terraform call of one environment in one mode. */
export function terraformEnv(cliConfig: string, env: Environment | string, mode: Mode): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_DATA_DIR: join(repoRoot, 'build', 'terraform', env, mode),
  };
  if (mode === 'live') return base;
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete base[key];
  return {
    ...base,
    AWS_ACCESS_KEY_ID: 'offline-mock-access-key',
    AWS_SECRET_ACCESS_KEY: 'offline-mock-secret-key',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** The override that turns an environment into an offline root module: local state, mock-safe providers. */
export function offlineOverride(statePath: string): string {
  const provider = (alias: string) => `provider "aws" {
  alias                       = "${alias}"
  allowed_account_ids         = null
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
`;
  return `# Written by tooling/terraform/workspace.ts for offline plans; gitignored. Delete it to go live.
terraform {
  backend "local" {
    path = ${JSON.stringify(statePath)}
  }
}

${provider('primary')}
${provider('secondary')}
# Offline plans may run without the environment's hosted zone (live plans need hosted_zone_id).
variable "offline" {
  default = true
}
`;
}

export function setOfflineOverride(env: Environment, enabled: boolean): void {
  const file = join(envDir(env), OVERRIDE_FILE);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  const state = join(repoRoot, 'build', 'state', env, 'terraform.tfstate');
  mkdirSync(dirname(state), { recursive: true });
  writeFileSync(file, offlineOverride(relative(envDir(env), state)));
}

export interface Workspace {
  bin: string;
  env: Environment;
  mode: Mode;
  dir: string;
  vars: NodeJS.ProcessEnv;
}

/** Everything up to and including `terraform init`. */
export async function prepare(env: Environment, mode: Mode): Promise<Workspace> {
  const bin = await requireTerraform();
  const dir = envDir(env);
  let cliConfig: string;
  if (mode === 'offline') {
    cliConfig = writeCliConfig(await findMirror());
    setOfflineOverride(env, true);
  } else {
    setOfflineOverride(env, false);
    cliConfig = process.env.TF_CLI_CONFIG_FILE && existsSync(process.env.TF_CLI_CONFIG_FILE)
      ? process.env.TF_CLI_CONFIG_FILE
      : writeCliConfig(await findMirror());
    if (!existsSync(join(dir, 'backend.hcl'))) {
      throw new UserError(
        `Live mode needs environments/${env}/backend.hcl: copy backend.hcl.example next to it and fill in the state bucket.`,
      );
    }
  }
  const vars = terraformEnv(cliConfig, env, mode);
  const initArgs = ['init', '-input=false', '-reconfigure', '-lockfile=readonly'];
  if (mode === 'live') initArgs.push('-backend-config=backend.hcl');
  const init = await $({ cwd: dir, env: vars, nothrow: true, quiet: true })`${bin} ${initArgs}`;
  if (init.exitCode !== 0) throw new UserError(`terraform init failed for ${env}:\n${init.stderr.trim() || init.stdout.trim()}`);
  return { bin, env, mode, dir, vars };
}

export interface PlanResult {
  planFile: string;
  jsonFile: string;
  seconds: number;
}

/** `terraform plan -out` then `terraform show -json`, both into build/plans/. */
export async function planAndShow(ws: Workspace): Promise<PlanResult> {
  const started = performance.now();
  const paths = planPaths(ws.env);
  mkdirSync(paths.dir, { recursive: true });
  const plan = await $({ cwd: ws.dir, env: ws.vars, nothrow: true, quiet: true })`${ws.bin} plan -input=false -lock-timeout=300s -out=${paths.plan}`;
  writeFileSync(paths.log, plan.stdout + plan.stderr);
  if (plan.exitCode !== 0) {
    throw new UserError(`terraform plan failed for ${ws.env} (full log: ${relative(repoRoot, paths.log)}):\n${plan.stderr.trim()}`);
  }
  const show = await $({ cwd: ws.dir, env: ws.vars, nothrow: true, quiet: true })`${ws.bin} show -json ${paths.plan}`;
  if (show.exitCode !== 0) throw new UserError(`terraform show -json failed for ${ws.env}:\n${show.stderr.trim()}`);
  writeFileSync(paths.json, show.stdout);
  return { planFile: paths.plan, jsonFile: paths.json, seconds: (performance.now() - started) / 1000 };
}
