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
