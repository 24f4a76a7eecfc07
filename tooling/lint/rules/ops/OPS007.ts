import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const OPS007 = defineRule({
  id: 'OPS007', family: 'OPS', target: 'plan', severity: 'medium', title: 'Alarms have an action',
  checks: 'aws_cloudwatch_metric_alarm has at least one alarm_actions entry.',
  why: 'An alarm that notifies nobody is a graph.',
  fix: 'Send it to the region\'s alarm topic.',
  equivalents: [],
  check(ctx) {
    for (const a of ctx.managedOf('aws_cloudwatch_metric_alarm')) {
      if (!isSet(a, ['alarm_actions'])) ctx.emit(OPS007, a.address, `${a.address} has no alarm_actions: send it to the region's alarm topic.`);
    }
  },
});
