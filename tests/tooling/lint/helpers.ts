// Shared helpers for the lint suites: fixture loading, in-process CLI runs with captured output.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { lintPlan } from '../../../tooling/lint/engine.ts';
import { planLintMain } from '../../../tooling/lint/plan-lint.ts';
import type { LintReport } from '../../../tooling/lint/types.ts';

export { change, dropChange, fixture, fixtures } from './plan-fixtures.ts';

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

