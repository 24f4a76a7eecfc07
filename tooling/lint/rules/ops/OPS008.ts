import { defineRule } from '../../rule.ts';

export const OPS008 = defineRule({
  id: 'OPS008', family: 'OPS', target: 'plan', severity: 'high', title: 'EventBridge rules have a target',
  checks: 'Every aws_cloudwatch_event_rule has an aws_cloudwatch_event_target (matched by rule name or reference).',
  why: 'A rule without a target fires into nothing (the original cross-region rule did exactly that).',
  fix: 'Add the aws_cloudwatch_event_target.',
  equivalents: [],
  check(ctx) {
    const targets = ctx.companions('aws_cloudwatch_event_target', ['rule'], ['aws_cloudwatch_event_rule']);
    for (const r of ctx.managedOf('aws_cloudwatch_event_rule')) {
      if (!(targets.get(r.address)?.length)) ctx.emit(OPS008, r.address, `${r.address} has no aws_cloudwatch_event_target: add the target (with its role and DLQ where cross-region).`);
    }
  },
});
