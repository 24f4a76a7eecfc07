import { SEC009 } from '../../../../../tooling/lint/rules/sec/SEC009.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(SEC009, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: ['module.global.aws_kms_key.this["database"]'],
  },
});
