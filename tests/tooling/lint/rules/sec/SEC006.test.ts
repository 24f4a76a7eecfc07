import { SEC006 } from '../../../../../tooling/lint/rules/sec/SEC006.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC006, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_cloudwatch_log_group.processor'),
  },
});
