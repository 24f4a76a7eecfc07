// plan-lint over the three environment plans at --fail-on low: clean, or every remaining finding carries
// a justified, unexpired suppression in lint-suppressions.json.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../tooling/lib/lint/engine.ts';
import { formatBudgetLines } from '../../tooling/lib/lint/format/human.ts';
import { readSuppressions } from '../../tooling/lib/lint/suppressions.ts';
import { severityRank } from '../../tooling/lib/lint/types.ts';
import { ENVIRONMENTS, planPaths, repoRoot } from '../../tooling/lib/terraform.ts';
import { loadPlan } from './load.ts';

const suppressionsFile = join(repoRoot, 'lint-suppressions.json');
const suppressions = readSuppressions(suppressionsFile);

describe.each(ENVIRONMENTS)('plan-lint %s', (env) => {
  const report = lintPlan(loadPlan(env), {
    input: planPaths(env).json,
    failOn: 'low',
    suppressions,
    suppressionsFile: 'lint-suppressions.json',
  });

  it('has no finding at or above low that is not suppressed with a reason', () => {
    const failing = report.findings
      .filter((f) => severityRank(f.severity) >= severityRank('low'))
      .map((f) => `${f.rule} ${f.address}: ${f.message}`);
    expect(failing).toEqual([]);
  });

  it('computes an RTO budget within the declared rto_budget_seconds', () => {
    expect(report.budget, 'the plan has no failover records or state machines to budget').not.toBeNull();
    expect(report.budget!.budgetSeconds).toBeGreaterThan(0);
    expect(report.budget!.withinBudget, formatBudgetLines(report.budget!).join('\n')).toBe(true);
  });
});
