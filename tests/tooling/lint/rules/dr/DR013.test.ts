import { DR013 } from '../../../../../tooling/lint/rules/dr/DR013.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR013, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.region_secondary.aws_lambda_function.validator'],
  },
});
