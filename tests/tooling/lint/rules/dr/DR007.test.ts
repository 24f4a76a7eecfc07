import { DR007 } from '../../../../../tooling/lint/rules/dr/DR007.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR007, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.global.aws_dynamodb_table.sessions'],
  },
});
