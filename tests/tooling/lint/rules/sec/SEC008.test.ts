import { SEC008 } from '../../../../../tooling/lint/rules/sec/SEC008.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC008, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_ssm_parameter.default_key[0]'),
  },
});
