import { SEC006 } from '../../../../../tooling/lint/rules/sec/SEC006.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC006, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_cloudwatch_log_group.processor`,
      `${S}.aws_cloudwatch_log_group.processor`,
    ],
  },
});
