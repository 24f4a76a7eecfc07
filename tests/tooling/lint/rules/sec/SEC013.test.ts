import { SEC013 } from '../../../../../tooling/lint/rules/sec/SEC013.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC013, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_iam_role_policy.processor'),
  },
});
