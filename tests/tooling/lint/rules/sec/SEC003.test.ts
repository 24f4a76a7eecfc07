import { SEC003 } from '../../../../../tooling/lint/rules/sec/SEC003.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(SEC003, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: ['module.global.aws_dynamodb_table.sessions'],
  },
});
