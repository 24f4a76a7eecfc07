import type { Instance } from '../../plan/index.ts';
import { targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { byRegion, named, presence } from './presence.ts';

export const DR013 = defineRule({
  id: 'DR013', family: 'DR', target: 'plan', severity: 'high', title: 'Readiness validator scheduled in every region',
  checks: 'Every region has an enabled EventBridge rule with a schedule_expression whose target is the failover-validator Lambda of that region.',
  why: 'Failover readiness that is not checked continuously is discovered broken during the outage.',
  fix: 'Add an aws_cloudwatch_event_rule with a schedule and an aws_cloudwatch_event_target pointing at the validator.',
  equivalents: [],
  check(ctx) {
    if (!ctx.multiRegion) return;
    const validators = ctx.managedOf('aws_lambda_function').filter((f) => named(f, /validator/i));
    const scheduled = new Set(ctx.managedOf('aws_cloudwatch_event_rule')
      .filter((r) => typeof r.values.schedule_expression === 'string' && r.values.schedule_expression !== '' && r.values.state !== 'DISABLED' && r.values.is_enabled !== false)
      .map((r) => r.address));
    const fnTypes = typeSet('aws_lambda_function');
    const ruleTypes = typeSet('aws_cloudwatch_event_rule');
    const validatorSchedules: Instance[] = [];
    for (const t of ctx.managedOf('aws_cloudwatch_event_target')) {
      const rules = targetsOf(ctx.index, t, ['rule'], ruleTypes).filter((r) => scheduled.has(r.address));
      const fns = targetsOf(ctx.index, t, ['arn'], fnTypes).filter((f) => validators.includes(f));
      for (const r of rules) if (fns.some((f) => f.region === r.region)) validatorSchedules.push(r);
    }
    presence(ctx, DR013, 'scheduled readiness validator (event rule -> validator function)', byRegion(validatorSchedules),
      'schedule the failover validator with an EventBridge rule and target in this region.',
      (region) => validators.find((v) => v.region === region));
  },
});
