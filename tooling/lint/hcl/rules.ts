// hcl-lint: module layout, variable hygiene, no providers/regions/account ids in modules, provider and
// Terraform pins, no master_password, and environments that share one composition.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { bodies, HclSyntaxError, labelled, parseHcl, type HclDocument, type HclValue } from '../../terraform/hcl.ts';
import { ruleInfo } from '../catalog.ts';
import { type Finding } from '../types.ts';
import { UserError } from '../../core/errors.ts';

export const REGION_PATTERN = /\b(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/;
export const ACCOUNT_PATTERN = /(?<![\d.])\d{12}(?![\d.])/;
// Prose, not configuration: a description may say "e.g. us-east-1".
const PROSE_KEYS = new Set(['description', 'error_message']);
const LAYOUT = ['variables.tf', 'outputs.tf', 'versions.tf'];
// Written by the offline plan tooling and gitignored.
const GENERATED = new Set(['offline_override.tf']);

export interface HclLintResult {
  findings: Finding[];
  files: number;
}

interface Unit {
  kind: 'module' | 'environment' | 'shared';
  dir: string;
}

function emit(out: Finding[], rule: string, file: string, block: string | null, message: string): void {
  out.push({ rule, severity: ruleInfo(rule).severity, address: block ? `${file}:${block}` : file, message, file });
}

/** Which directories to lint: each module under modules/, each environment under environments/. */
export function discover(root: string, paths: string[]): Unit[] {
  const targets = paths.length ? paths.map((p) => resolve(root, p)) : [join(root, 'modules'), join(root, 'environments')];
  const units: Unit[] = [];
  for (const t of targets) {
    if (!existsSync(t)) throw new UserError(`${relative(root, t) || t} does not exist.`);
    if (!statSync(t).isDirectory()) throw new UserError(`${relative(root, t)} is not a directory: pass module or environment directories.`);
    const hasTf = (d: string) => readdirSync(d).some((f) => f.endsWith('.tf'));
    const kindOf = (d: string): Unit['kind'] => {
      const rel = relative(root, d).split(/[\\/]/);
      if (rel[0] === 'environments') return rel[1] === 'shared' ? 'shared' : 'environment';
      return 'module';
    };
    if (hasTf(t)) units.push({ kind: kindOf(t), dir: t });
    else {
      for (const e of readdirSync(t, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const d = join(t, e.name);
        if ((e.isDirectory() || e.isSymbolicLink()) && existsSync(d) && statSync(d).isDirectory() && hasTf(d)) units.push({ kind: kindOf(d), dir: d });
      }
    }
  }
  return units;
}

function walkStrings(v: HclValue, key: string | null, visit: (s: string, key: string | null) => void): void {
  if (typeof v === 'string') visit(v, key);
  else if (Array.isArray(v)) for (const x of v) walkStrings(x, key, visit);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!PROSE_KEYS.has(k)) walkStrings(x, k, visit);
}

function hasKey(v: HclValue, key: string): boolean {
  if (Array.isArray(v)) return v.some((x) => hasKey(x, key));
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k === key || hasKey(x, key));
  return false;
}

/** Minimal version-constraint check for required_version (=, !=, >, >=, <, <=, ~>). */
export function satisfies(version: string, constraint: string): boolean {
  const parse = (v: string) => v.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const v = parse(version);
  return constraint.split(',').every((part) => {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(part);
    if (!m) return false;
    const op = m[1] ?? '=';
    const c = parse(m[2]!);
    const d = cmp(v, c);
    switch (op) {
      case '=': return d === 0;
      case '!=': return d !== 0;
      case '>': return d > 0;
      case '>=': return d >= 0;
      case '<': return d < 0;
      case '<=': return d <= 0;
      default: {
        // ~> 1.11.4 allows >= 1.11.4, < 1.12; ~> 1.11 allows >= 1.11, < 2.
        const n = m[2]!.split('.').length;
        const upper = c.slice(0, Math.max(1, n - 1));
        upper[upper.length - 1]! += 1;
        return d >= 0 && cmp(v.slice(0, upper.length), upper) < 0;
      }
    }
  });
}

export async function lintHcl(root: string, paths: string[]): Promise<HclLintResult> {
  const findings: Finding[] = [];
  const units = discover(root, paths);
  const terraformVersionFile = join(root, '.terraform-version');
  const terraformVersion = existsSync(terraformVersionFile) ? readFileSync(terraformVersionFile, 'utf8').trim() : undefined;
  const parsed = new Map<string, HclDocument | null>();
  let files = 0;
  const parseOnce = async (file: string): Promise<HclDocument | null> => {
    const real = realpathSync(file);
    if (parsed.has(real)) return parsed.get(real)!;
    files++;
    const rel = relative(root, real);
    try {
      const doc = await parseHcl(rel, readFileSync(real, 'utf8'));
      parsed.set(real, doc);
      return doc;
    } catch (err) {
      if (!(err instanceof HclSyntaxError)) throw err;
      emit(findings, 'HCL011', rel, null, `${rel} does not parse: ${err.detail}`);
      parsed.set(real, null);
      return null;
    }
  };
  const checkedVersions = new Set<string>();

  for (const unit of units) {
    const relDir = relative(root, unit.dir);
    const listed = readdirSync(unit.dir).filter((f) => f.endsWith('.tf') && !GENERATED.has(f)).sort();
    // A dangling link (a shared file renamed or deleted) is a finding, not a crash.
    const tfFiles = listed.filter((f) => {
      if (existsSync(join(unit.dir, f))) return true;
      emit(findings, 'HCL012', `${relDir}/${f}`, null, `${relDir}/${f} is a broken link: point it at an existing file in environments/shared/ or delete it.`);
      return false;
    });
    if (unit.kind === 'module') {
      for (const f of LAYOUT) if (!tfFiles.includes(f)) emit(findings, 'HCL001', `${relDir}/${f}`, null, `${relDir} has no ${f}: the standard module layout puts ${f.replace('.tf', '')} there.`);
      if (!tfFiles.some((f) => !LAYOUT.includes(f))) emit(findings, 'HCL001', `${relDir}/main.tf`, null, `${relDir} has no main.tf (or split resource files): add the resources in main.tf.`);
      const readme = join(unit.dir, 'README.md');
      if (!existsSync(readme)) emit(findings, 'HCL001', `${relDir}/README.md`, null, `${relDir} has no README.md: add what the module is for, a usage example and the generated docs markers.`);
      else {
        const text = readFileSync(readme, 'utf8');
        if (!text.includes('<!-- BEGIN_TF_DOCS -->') || !text.includes('<!-- END_TF_DOCS -->')) {
          emit(findings, 'HCL002', `${relDir}/README.md`, null, `${relDir}/README.md lacks the <!-- BEGIN_TF_DOCS --> / <!-- END_TF_DOCS --> markers: add them and run npm run docs.`);
        }
      }
    }
    if (unit.kind === 'environment') {
      for (const f of tfFiles) {
        const p = join(unit.dir, f);
        const target = realpathSync(p);
        if (!lstatSync(p).isSymbolicLink() || basename(dirname(target)) !== 'shared') {
          emit(findings, 'HCL012', `${relDir}/${f}`, null, `${relDir}/${f} is not a link to environments/shared/${f}: environments differ only in terraform.tfvars; link it (ln -s ../shared/${f}).`);
        }
      }
    }
    for (const f of tfFiles) {
      const file = join(unit.dir, f);
      const real = realpathSync(file);
      const already = parsed.has(real);
      const doc = await parseOnce(file);
      if (!doc || already) continue;
      const rel = relative(root, real);
      for (const v of labelled(doc, 'variable')) {
        if (v.body.type === undefined) emit(findings, 'HCL003', rel, `variable.${v.name}`, `variable "${v.name}" in ${rel} has no type: add type (e.g. string, or object({...}) with optional()).`);
        if (typeof v.body.description !== 'string' || v.body.description.trim() === '') {
          emit(findings, 'HCL004', rel, `variable.${v.name}`, `variable "${v.name}" in ${rel} has no description: add one (it becomes the README inputs table).`);
        }
      }
      if (unit.kind === 'module') {
        for (const p of labelled(doc, 'provider')) {
          emit(findings, 'HCL005', rel, `provider.${p.name}`, `${rel} declares provider "${p.name}": modules take providers from the caller; use configuration_aliases in versions.tf.`);
        }
        const regions = new Set<string>();
        const accounts = new Set<string>();
        walkStrings(doc as HclValue, null, (s) => {
          const r = REGION_PATTERN.exec(s);
          if (r) regions.add(r[0]);
          const a = ACCOUNT_PATTERN.exec(s);
          if (a) accounts.add(a[0]);
        });
        for (const r of [...regions].sort()) emit(findings, 'HCL006', rel, null, `${rel} hard-codes the region ${r}: take it from data.aws_region.current.name or an input.`);
        for (const a of [...accounts].sort()) emit(findings, 'HCL007', rel, null, `${rel} hard-codes the account id ${a}: take it as an input.`);
      }
      if (hasKey(doc as HclValue, 'master_password')) {
        emit(findings, 'HCL010', rel, null, `${rel} sets master_password, which lands in plan and state: use master_password_wo with master_password_wo_version.`);
      }
      if (f === 'versions.tf' && !checkedVersions.has(real)) {
        checkedVersions.add(real);
        const tf = bodies(doc, 'terraform');
        const providers = tf.flatMap((t) => (Array.isArray(t.required_providers) ? t.required_providers : [t.required_providers]))
          .filter((p): p is { [k: string]: HclValue } => !!p && typeof p === 'object' && !Array.isArray(p));
        const aws = providers.map((p) => p.aws).find((a) => a && typeof a === 'object') as { [k: string]: HclValue } | undefined;
        if (!aws || aws.source !== 'hashicorp/aws' || aws.version !== '~> 5.100') {
          emit(findings, 'HCL008', rel, 'terraform.required_providers.aws', aws
            ? `${rel} pins hashicorp/aws as ${JSON.stringify(aws.version ?? null)} (source ${JSON.stringify(aws.source ?? null)}): set source = "hashicorp/aws", version = "~> 5.100".`
            : `${rel} does not require hashicorp/aws: add aws = { source = "hashicorp/aws", version = "~> 5.100" } to required_providers.`);
        }
        const required = tf.map((t) => t.required_version).find((v) => typeof v === 'string') as string | undefined;
        if (terraformVersion && (!required || !satisfies(terraformVersion, required) || !required.includes(terraformVersion.split('.').slice(0, 2).join('.')))) {
          emit(findings, 'HCL009', rel, 'terraform.required_version', required
            ? `${rel} requires Terraform "${required}", which does not match .terraform-version ${terraformVersion}: set required_version = "~> ${terraformVersion}".`
            : `${rel} sets no required_version: add required_version = "~> ${terraformVersion}" (from .terraform-version).`);
        }
      }
    }
  }
  return { findings, files };
}
