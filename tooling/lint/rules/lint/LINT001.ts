import { defineRule } from '../../rule.ts';

export const LINT001 = defineRule({
  id: 'LINT001', family: 'LINT', target: 'suppressions', severity: 'medium', title: 'Expired suppression',
  checks: 'A suppression whose expiry date has passed (it no longer suppresses anything).',
  why: 'Accepted risks are re-examined on a date, not forgotten.',
  fix: 'Fix the finding, or renew the suppression with a new reason and expiry.',
  equivalents: [],
  check(ctx) {
    for (const e of ctx.entries) {
      if (e.expired) {
        ctx.emit(LINT001, e.suppression.address,
          `Suppression ${e.label} expired on ${e.suppression.expires}: fix the finding or renew it with a current reason and date.`);
      }
    }
  },
});
