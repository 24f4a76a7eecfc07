import { OPS002 } from '../../../../../tooling/lint/rules/ops/OPS002.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS002, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_cloudwatch_log_group.processor'),
  },
});
