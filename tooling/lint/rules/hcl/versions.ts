// The terraform blocks of versions.tf files (HCL008, HCL009) and a version-constraint check.
import { bodies, type HclBody } from '../../../terraform/hcl.ts';
import type { HclContext, HclFile } from '../../hcl/context.ts';

/** Each versions.tf (checked once, whichever links reach it) with its terraform blocks. */
export function versionFiles(ctx: HclContext): { file: HclFile; terraform: HclBody[] }[] {
  return ctx.memo(versionFiles, () => ctx.parsed.filter((f) => f.name === 'versions.tf').map((file) => ({ file, terraform: bodies(file.doc, 'terraform') })));
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
