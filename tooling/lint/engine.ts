// plan-lint as a function: plan document in, report out. The CLI only parses arguments and prints.
import { buildIndex } from './plan/index.ts';
import { RuleContext } from './plan/context.ts';
import { rtoBudget } from './rules/dr/budget.ts';
import { rulesFor } from './rules/index.ts';
import { applySuppressions, type Suppression } from './suppressions.ts';
import { countBySeverity, dedupe, failing, sortFindings } from './findings.ts';
import type { FailOn, LintReport } from './types.ts';

export interface LintOptions {
  input: string;
  failOn?: FailOn;
  suppressions?: Suppression[];
  suppressionsFile?: string;
  /** YYYY-MM-DD; defaults to today (UTC). */
  today?: string;
}

export function lintPlan(doc: unknown, opts: LintOptions): LintReport {
  const started = performance.now();
  const index = buildIndex(doc);
  const ctx = new RuleContext(index);
  for (const rule of rulesFor('plan')) rule.check(ctx);
  // Computed once: DR017-DR020 already asked for it.
  const budget = rtoBudget(ctx)?.budget ?? null;
  const environment = typeof index.variables.environment === 'string' ? index.variables.environment : undefined;
  const applied = applySuppressions(dedupe(ctx.findings), opts.suppressions ?? [], {
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    environment,
    file: opts.suppressionsFile ?? 'suppressions',
  });
  const findings = sortFindings([...applied.kept, ...applied.meta]);
  const failOn = opts.failOn ?? 'high';
  // An expired waiver fails the run whatever --fail-on says: accepted risks are re-decided on their date.
  const expiredWaivers = applied.waivers.filter((w) => w.expired).length;
  return {
    summary: {
      tool: 'plan-lint',
      input: opts.input,
      checked: index.managed.length,
      checkedLabel: 'resources',
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      counts: countBySeverity(findings),
      suppressed: applied.suppressed.length,
      ...(opts.suppressions ? { expiredWaivers } : {}),
      failOn,
      failed: failing(findings, failOn) || expiredWaivers > 0,
    },
    findings,
    budget,
    ...(opts.suppressions ? { waivers: applied.waivers } : {}),
  };
}
