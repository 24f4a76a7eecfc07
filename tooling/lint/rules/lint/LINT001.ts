import { defineRule } from '../../rule.ts';

export const LINT001 = defineRule({
  id: 'LINT001', family: 'LINT', target: 'suppressions', severity: 'high', title: 'Expired waiver',
  checks: 'A waiver whose expiry date has passed: it no longer suppresses anything, and the run fails whatever --fail-on says.',
  why: 'Accepted risks are re-examined on a date, not forgotten.',
  fix: 'Fix the finding, or have its owner renew the waiver with a current reason, expiry and decision record.',
  equivalents: [],
  check(ctx) {
    for (const e of ctx.entries) {
      if (e.expired) {
        ctx.emit(LINT001, e.suppression.address,
          `Waiver ${e.label} (owner ${e.suppression.owner}, ${e.suppression.decision}) expired on ${e.suppression.expires}: fix the finding or renew the waiver with a current reason, date and decision record.`);
      }
    }
  },
});
