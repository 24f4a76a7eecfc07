import { defineRule } from '../../rule.ts';
import { rtoBudget } from './budget.ts';

export const DR017 = defineRule({
  id: 'DR017', family: 'DR', target: 'plan', severity: 'high', title: 'RTO budget holds',
  checks: 'detection + orchestration + promotion + DNS, computed from the plan, does not exceed the root variable rto_budget_seconds.',
  why: 'The recovery-time objective must follow from the configuration, not from a promise.',
  fix: 'Lower the health-check interval or threshold, the approval or poll figures, or declare an honest budget.',
  equivalents: [],
  check(ctx) {
    const computed = rtoBudget(ctx);
    if (!computed) return;
    const { parts, totalSeconds: total, budgetSeconds } = computed.budget;
    if (budgetSeconds !== null && total > budgetSeconds) {
      ctx.emit(DR017, 'var.rto_budget_seconds',
        `Computed RTO ${total} s (detection ${parts.detection.seconds} + orchestration ${parts.orchestration.seconds} + promotion ${parts.promotion.seconds} + DNS ${parts.dns.seconds}) exceeds rto_budget_seconds = ${budgetSeconds}: shorten detection or approval, or declare an honest budget.`);
    }
  },
});
