import { defineRule } from '../../rule.ts';
import { rtoBudget } from './budget.ts';

export const DR018 = defineRule({
  id: 'DR018', family: 'DR', target: 'plan', severity: 'medium', title: 'Poll loop outlasts a documented promotion',
  checks: 'poll_interval_seconds x max_poll_attempts is at least the documented Aurora promotion time.',
  why: 'A loop that gives up before a typical promotion completes fails the failover that was about to succeed.',
  fix: 'Raise max_poll_attempts or the poll interval.',
  equivalents: [],
  check(ctx) {
    const computed = rtoBudget(ctx);
    if (!computed) return;
    const { anchor, pollIntervalSeconds, pollAttempts } = computed;
    const pollBound = computed.budget.ceilings.pollBoundSeconds;
    const promotionSeconds = computed.budget.parts.promotion.seconds;
    if (pollBound !== null && pollBound < promotionSeconds) {
      ctx.emit(DR018, anchor, `${anchor}: the poll loop gives up after ${pollBound} s (${pollIntervalSeconds} s x ${pollAttempts}), before a documented promotion of ${promotionSeconds} s: raise max_poll_attempts.`);
    }
  },
});
