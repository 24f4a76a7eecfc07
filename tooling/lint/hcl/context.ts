// What every HCL rule gets: the directories to lint (modules, their inner modules, environments), each
// .tf file parsed once, and a finding sink.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HclSyntaxError, parseHcl, type HclDocument } from '../../terraform/hcl.ts';
import { moduleDirs } from '../../terraform/modules.ts';
import type { Finding, RuleInfo } from '../types.ts';
import { UserError } from '../../core/errors.ts';

// Written by the offline plan tooling and gitignored.
const GENERATED = new Set(['offline_override.tf']);

export interface HclUnit {
  /** A module (modules/<m>, or an inner module <module>/modules/<inner>), an environment, or environments/shared. */
  kind: 'module' | 'environment' | 'shared';
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the root, for messages. */
  relDir: string;
  /** The .tf files that exist, sorted (links resolved later; the offline override left out). */
  tfFiles: string[];
  /** .tf entries that are links to nothing. */
  dangling: string[];
}

export interface HclFile {
  /** Repository-relative path of the real file (a link's target). */
  rel: string;
  /** The name it has in the unit that listed it first (versions.tf, main.tf ...). */
  name: string;
  /** The first unit that lists the file: a file shared by links is checked once, as part of it. */
  unit: HclUnit;
  /** null when the file does not parse. */
  doc: HclDocument | null;
  /** Terraform's diagnostic when it does not parse. */
  parseError?: string;
}

export class HclContext {
  readonly findings: Finding[] = [];
  private memos = new Map<unknown, unknown>();

  constructor(
    readonly root: string,
    readonly units: readonly HclUnit[],
    /** Every .tf file once, in the order the units list them. */
    readonly files: readonly HclFile[],
    /** The version in <root>/.terraform-version, when there is one. */
    readonly terraformVersion: string | undefined,
  ) {}

  /** Files that parsed. */
  get parsed(): (HclFile & { doc: HclDocument })[] {
    return this.files.filter((f): f is HclFile & { doc: HclDocument } => f.doc !== null);
  }

  /** Records a finding of `rule` at `file` (and `block`, e.g. `variable.x`), with the rule's severity. */
  emit(rule: Pick<RuleInfo, 'id' | 'severity'>, file: string, block: string | null, message: string): void {
    this.findings.push({ rule: rule.id, severity: rule.severity, address: block ? `${file}:${block}` : file, message, file });
  }

  /** A computation several rules share, done once per run (see RuleContext.memo). */
  memo<T>(key: object, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }
}

const hasTf = (d: string) => readdirSync(d).some((f) => f.endsWith('.tf'));

/**
 * Which directories to lint: each module under modules/ with its inner modules (<module>/modules/<inner>,
 * to any depth), each environment under environments/; or the given directories (and their inner modules).
 */
export function discover(root: string, paths: string[]): HclUnit[] {
  const targets = paths.length ? paths.map((p) => resolve(root, p)) : [join(root, 'modules'), join(root, 'environments')];
  const dirs: { dir: string; kind: HclUnit['kind'] }[] = [];
  const kindOf = (d: string): HclUnit['kind'] => {
    const rel = relative(root, d).split(/[\\/]/);
    if (rel[0] === 'environments') return rel[1] === 'shared' ? 'shared' : 'environment';
    return 'module';
  };
  const seen = new Set<string>();
  const push = (dir: string, kind: HclUnit['kind']) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    dirs.push({ dir, kind });
  };
  const add = (d: string) => {
    const kind = kindOf(d);
    push(d, kind);
    if (kind === 'module') for (const inner of moduleDirs(d)) push(inner, 'module');
  };
  for (const t of targets) {
    if (!existsSync(t)) throw new UserError(`${relative(root, t) || t} does not exist.`);
    if (!statSync(t).isDirectory()) throw new UserError(`${relative(root, t)} is not a directory: pass module or environment directories.`);
    if (hasTf(t)) add(t);
    else {
      for (const e of readdirSync(t, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const d = join(t, e.name);
        if ((e.isDirectory() || e.isSymbolicLink()) && existsSync(d) && statSync(d).isDirectory() && hasTf(d)) add(d);
      }
    }
  }
  return dirs.map(({ dir, kind }) => {
    const listed = readdirSync(dir).filter((f) => f.endsWith('.tf') && !GENERATED.has(f)).sort();
    return {
      kind,
      dir,
      relDir: relative(root, dir),
      tfFiles: listed.filter((f) => existsSync(join(dir, f))),
      dangling: listed.filter((f) => !existsSync(join(dir, f))),
    };
  });
}

/** Discovers the units and parses every .tf file once (a file reached through links counts once). */
export async function loadHcl(root: string, paths: string[]): Promise<HclContext> {
  const units = discover(root, paths);
  const versionFile = join(root, '.terraform-version');
  const terraformVersion = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : undefined;
  const files: HclFile[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    for (const name of unit.tfFiles) {
      const real = realpathSync(join(unit.dir, name));
      if (seen.has(real)) continue;
      seen.add(real);
      const rel = relative(root, real);
      try {
        files.push({ rel, name, unit, doc: await parseHcl(rel, readFileSync(real, 'utf8')) });
      } catch (err) {
        if (!(err instanceof HclSyntaxError)) throw err;
        files.push({ rel, name, unit, doc: null, parseError: err.detail });
      }
    }
  }
  return new HclContext(root, units, files, terraformVersion);
}
