import { defineRule } from '../../rule.ts';

export const LINT002 = defineRule({
  id: 'LINT002', family: 'LINT', target: 'suppressions', severity: 'low', title: 'Unused waiver',
  checks: 'A waiver that matched no finding in this plan.',
  why: 'A stale suppression would silently hide a future regression at the same address.',
  fix: 'Delete it (or scope it with environments when it applies to one environment only).',
  equivalents: [],
  check(ctx) {
    // An expired entry suppresses nothing; LINT001 reports it.
    for (const e of ctx.entries) {
      if (!e.expired && !e.used) {
        ctx.emit(LINT002, e.suppression.address, `Waiver ${e.label} matches no finding: delete it, or scope it with environments.`);
      }
    }
  },
});
