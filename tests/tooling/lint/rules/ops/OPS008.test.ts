import { OPS008 } from '../../../../../tooling/lint/rules/ops/OPS008.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS008, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_cloudwatch_event_rule.orphan[0]'),
  },
});
