import { PLAN_ADDRESS } from '../../plan/context.ts';
import { defineRule } from '../../rule.ts';
import { rtoBudget } from './budget.ts';

export const DR020 = defineRule({
  id: 'DR020', family: 'DR', target: 'plan', severity: 'info', title: 'RTO figures from documented defaults',
  checks: 'Notes when the plan gives neither a known state machine definition nor rto_parameters.',
  why: 'The budget is then based on defaults, not on this configuration.',
  fix: 'Expose rto_parameters from the failover module (and the root) so the plan carries the figures.',
  equivalents: [],
  check(ctx) {
    if (rtoBudget(ctx)?.budget.parameterSource === 'defaults') {
      ctx.emit(DR020, PLAN_ADDRESS, 'The RTO budget uses documented defaults for orchestration: expose rto_parameters from the failover module (and a root output) so the plan carries the real figures.');
    }
  },
});
