// Shared helpers for the lint suites: fixture loading, in-process CLI runs with captured output.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { join } from 'node:path';
import { lintPlan } from '../../../tooling/lint/engine.ts';
import { planLintMain } from '../../../tooling/lint/plan-lint.ts';
import type { LintReport } from '../../../tooling/lint/types.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

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

// The OASIS SARIF 2.1.0 schema (rtm.5, the published final), as shipped by @microsoft/jest-sarif.
// It is written for JSON Schema draft-04; the only draft-04 construct it uses is the top-level `id`.
export function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const { id, $schema: _draft, ...rest } = schema;
  // One pattern in the schema is not valid under the `u` flag, so patterns compile without it.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile({ $id: id, ...rest });
}

