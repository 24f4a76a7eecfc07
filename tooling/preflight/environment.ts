// What the preflight needs to know about one environment, read from the files a live apply uses:
// environments/<env>/terraform.tfvars, environments/<env>/backend.hcl, and the one module default the
// environment does not override (modules/global-data's aurora_engine_version). Parsing goes through
// the HCL adapter; everything after the read is a pure function of the parsed documents.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { labelled, parseHcl, type HclValue } from '../terraform/hcl.ts';
import type { Environment } from '../terraform/workspace.ts';
import { reservedConcurrency, type ConcurrencyTerm } from './concurrency.ts';

export const ROLES = ['primary', 'secondary'] as const;
export type Role = (typeof ROLES)[number];

export interface BackendSettings {
  bucket: string;
  region: string;
  key: string;
}

/** A parsed input file, kept whole for the placeholder check. */
export interface SourceFile {
  /** Path relative to the repository, for messages. */
  file: string;
  values: HclValue;
}

export interface PreflightEnvironment {
  env: Environment;
  project: string;
  /** "<project>-<environment>", the prefix of every function name. */
  namePrefix: string;
  regions: Record<Role, string>;
  allowedAccountIds: string[];
  accountId: string;
  zoneName: string;
  hostedZoneId: string | null;
  /** The zones each region's subnets go to, as the environment gives them (names or zone IDs). */
  zones: Record<Role, string[]>;
  engineVersion: { value: string; source: string };
  /** Reserved concurrency the environment's functions declare in each region (see concurrency.ts). */
  concurrency: Record<Role, ConcurrencyTerm[]>;
  /** null when backend.hcl does not exist yet. */
  backend: BackendSettings | null;
  files: { tfvars: string; backend: string };
  sources: SourceFile[];
}

export interface EnvironmentFiles {
  tfvars: SourceFile;
  backend: SourceFile | null;
  /** The default of aurora_engine_version in modules/global-data/variables.tf. */
  engineVersionDefault: { value: string; source: string };
}

/** Reads and parses the environment's files under `root` (the repository by default). */
export async function loadEnvironment(env: Environment, root = repoRoot): Promise<PreflightEnvironment> {
  const tfvarsFile = `environments/${env}/terraform.tfvars`;
  const backendFile = `environments/${env}/backend.hcl`;
  const moduleFile = 'modules/global-data/variables.tf';
  const read = (file: string) => {
    const path = join(root, file);
    if (!existsSync(path)) return null;
    return readFileSync(path, 'utf8');
  };
  const tfvarsText = read(tfvarsFile);
  if (tfvarsText === null) throw new UserError(`${tfvarsFile} does not exist.`);
  const tfvars = { file: tfvarsFile, values: (await parseHcl(tfvarsFile, tfvarsText)) as HclValue };
  const backendText = read(backendFile);
  const backend = backendText === null ? null : { file: backendFile, values: (await parseHcl(backendFile, backendText)) as HclValue };
  const moduleText = read(moduleFile);
  if (moduleText === null) throw new UserError(`${moduleFile} does not exist: the preflight reads the Aurora engine version from it.`);
  const variable = labelled(await parseHcl(moduleFile, moduleText), 'variable').find((v) => v.name === 'aurora_engine_version');
  const value = variable?.body.default;
  if (typeof value !== 'string') throw new UserError(`${moduleFile} has no string default for aurora_engine_version.`);
  return environmentFrom(env, { tfvars, backend, engineVersionDefault: { value, source: `${moduleFile} (aurora_engine_version default)` } });
}

/** The pure half of loadEnvironment: shape checks on the parsed files (a wrong shape is a UserError). */
export function environmentFrom(env: Environment, files: EnvironmentFiles): PreflightEnvironment {
  const file = files.tfvars.file;
  const vars = asObject(files.tfvars.values, file);
  const str = (name: string): string => {
    const v = vars[name];
    if (typeof v !== 'string' || !v) throw new UserError(`${file}: ${name} must be set to a string.`);
    return v;
  };
  const strings = (v: HclValue | undefined, what: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new UserError(`${file}: ${what} must be a list of strings.`);
    return v as string[];
  };
  const network = asObject(vars.network, `${file}: network`);
  const zones = {} as Record<Role, string[]>;
  for (const role of ROLES) {
    const n = asObject(network[role], `${file}: network.${role}`);
    // Either form: zone IDs under their own name once the environments switch, names until then.
    const key = ['availability_zone_ids', 'zone_ids', 'availability_zones'].find((k) => n[k] !== undefined && n[k] !== null);
    if (!key) throw new UserError(`${file}: network.${role} must list its zones (availability_zone_ids or availability_zones).`);
    zones[role] = strings(n[key], `network.${role}.${key}`);
  }
  const hostedZoneId = vars.hosted_zone_id;
  if (hostedZoneId !== undefined && hostedZoneId !== null && typeof hostedZoneId !== 'string') {
    throw new UserError(`${file}: hosted_zone_id must be a string or null.`);
  }
  const engine = vars.aurora_engine_version;
  const project = str('project');
  const environment = str('environment');
  const regions = { primary: str('primary_region'), secondary: str('secondary_region') };
  return {
    env,
    project,
    namePrefix: `${project}-${environment}`,
    regions,
    allowedAccountIds: strings(vars.allowed_account_ids, 'allowed_account_ids'),
    accountId: str('account_id'),
    zoneName: str('zone_name'),
    hostedZoneId: typeof hostedZoneId === 'string' && hostedZoneId ? hostedZoneId : null,
    zones,
    engineVersion: typeof engine === 'string' ? { value: engine, source: `${file} (aurora_engine_version)` } : files.engineVersionDefault,
    concurrency: reservedConcurrency(vars, `${project}-${environment}`, file),
    backend: files.backend ? backendFrom(files.backend) : null,
    files: { tfvars: file, backend: files.backend?.file ?? `environments/${env}/backend.hcl` },
    sources: files.backend ? [files.tfvars, files.backend] : [files.tfvars],
  };
}

function backendFrom(source: SourceFile): BackendSettings {
  const b = asObject(source.values, source.file);
  const field = (name: string) => {
    const v = b[name];
    if (typeof v !== 'string' || !v) throw new UserError(`${source.file}: ${name} must be set (copy the lines that make bootstrap-state prints).`);
    return v;
  };
  return { bucket: field('bucket'), region: field('region'), key: field('key') };
}

export function asObject(v: HclValue | undefined, what: string): { [k: string]: HclValue } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UserError(`${what} must be an object.`);
  return v;
}
