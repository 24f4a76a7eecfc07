import { SEC014 } from '../../../../../tooling/lint/rules/sec/SEC014.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC014, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_iam_role_policy.processor'),
  },
});
