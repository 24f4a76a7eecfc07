import { OPS007 } from '../../../../../tooling/lint/rules/ops/OPS007.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS007, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_cloudwatch_metric_alarm.dlq'),
  },
});
