// Where the Terraform modules are: modules/<name>/ and, nested to any depth, <module>/modules/<inner>/
// (the per-region inner modules a parent calls once per provider).
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../core/paths.ts';

/** Every module directory under `<root>/modules`, parents before their inner modules, sorted. */
export function moduleDirs(root = repoRoot): string[] {
  const out: string[] = [];
  const walk = (modulesDir: string) => {
    if (!existsSync(modulesDir)) return;
    for (const d of readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      const dir = join(modulesDir, d);
      if (!readdirSync(dir).some((f) => f.endsWith('.tf'))) continue;
      out.push(dir);
      walk(join(dir, 'modules'));
    }
  };
  walk(join(root, 'modules'));
  return out;
}

/** `modules/a/modules/b` -> `a/b`: a short name for messages and --only filters. */
export function moduleName(dir: string, root = repoRoot): string {
  return relative(join(root, 'modules'), dir).split('/').filter((p) => p !== 'modules').join('/');
}

/**
 * The bootstrap roots, bootstrap/<name>/ (the state buckets and the DNS zone a live apply needs
 * first), each followed by its inner modules. Validated and tested like the modules.
 */
export function bootstrapDirs(root = repoRoot): string[] {
  const base = join(root, 'bootstrap');
  if (!existsSync(base)) return [];
  const out: string[] = [];
  for (const d of readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const dir = join(base, d);
    if (!readdirSync(dir).some((f) => f.endsWith('.tf'))) continue;
    out.push(dir, ...moduleDirs(dir));
  }
  return out;
}

/** `bootstrap/state/modules/bucket` -> `bootstrap/state/bucket`. */
export function bootstrapName(dir: string, root = repoRoot): string {
  return relative(root, dir).split('/').filter((p) => p !== 'modules').join('/');
}
