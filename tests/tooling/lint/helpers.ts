// Shared helpers for the lint suites: fixture loading, in-process CLI runs with captured output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPlan } from '../../../tooling/lib/lint/engine.ts';
import { planLintMain } from '../../../tooling/lib/lint/plan-lint-main.ts';
import type { LintReport } from '../../../tooling/lib/lint/types.ts';
import { repoRoot } from '../../../tooling/lib/terraform.ts';

export const fixtures = join(repoRoot, 'tests', 'fixtures', 'plans');

/** A fresh, mutable copy of a generated plan fixture. */
export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8'));
}

export function lint(doc: unknown, input = 'fixture.json'): LintReport {
  return lintPlan(doc, { input, today: '2025-01-01' });
}

/** Sorted "RULE address" pairs: the exact-match currency of the rule tests. */
export function pairs(report: LintReport, rulePrefix = ''): string[] {
  return report.findings.filter((f) => f.rule.startsWith(rulePrefix)).map((f) => `${f.rule} ${f.address}`).sort();
}

export async function runPlanLint(args: string[], today = '2025-01-01') {
  let stdout = '';
  let stderr = '';
  const code = await planLintMain(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, { today });
  return { code, stdout, stderr };
}

/** The resource_changes entry of an address (throws when the fixture lacks it, so tests stay honest). */
export function change(doc: Record<string, any>, address: string): Record<string, any> {
  const rc = (doc.resource_changes as Record<string, any>[]).find((r) => r.address === address);
  if (!rc) throw new Error(`fixture has no ${address}`);
  return rc;
}

export function dropChange(doc: Record<string, any>, address: string): void {
  const before = doc.resource_changes.length;
  doc.resource_changes = doc.resource_changes.filter((r: { address: string }) => r.address !== address);
  if (doc.resource_changes.length !== before - 1) throw new Error(`fixture has no ${address}`);
}
