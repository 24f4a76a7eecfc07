// hcl-lint as a function: parse the trees once, run every HCL rule of the registry over them.
import { rulesFor } from '../rules/index.ts';
import type { Finding } from '../types.ts';
import { loadHcl } from './context.ts';

export interface HclLintResult {
  findings: Finding[];
  files: number;
}

export async function lintHcl(root: string, paths: string[]): Promise<HclLintResult> {
  const ctx = await loadHcl(root, paths);
  for (const rule of rulesFor('hcl')) rule.check(ctx);
  return { findings: ctx.findings, files: ctx.files.length };
}
