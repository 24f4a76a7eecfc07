import { SEC007 } from '../../../../../tooling/lint/rules/sec/SEC007.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC007, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_lambda_function.processor'),
  },
});
