import { defineRule } from '../../rule.ts';
import { rtoBudget } from './budget.ts';

export const DR019 = defineRule({
  id: 'DR019', family: 'DR', target: 'plan', severity: 'medium', title: 'Execution timeout covers the failover path',
  checks: 'The state machine\'s TimeoutSeconds is at least the approval timeout plus the poll bound plus fixed waits.',
  why: 'An execution timeout shorter than its own loop bound kills the execution mid-promotion.',
  fix: 'Raise execution_timeout_seconds or shorten the approval and poll bounds.',
  equivalents: [],
  check(ctx) {
    const computed = rtoBudget(ctx);
    if (!computed) return;
    const { anchor, neededSeconds: needed } = computed;
    const executionTimeout = computed.budget.ceilings.executionTimeoutSeconds;
    if (executionTimeout !== null && executionTimeout < needed) {
      ctx.emit(DR019, anchor, `${anchor}: execution TimeoutSeconds ${executionTimeout} s is shorter than approval + poll bound + waits (${needed} s): the execution would be killed mid-failover.`);
    }
  },
});
