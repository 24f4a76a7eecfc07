import { SEC007 } from '../../../../../tooling/lint/rules/sec/SEC007.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC007, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_lambda_function.processor`,
      `${S}.aws_lambda_function.processor`,
    ],
  },
});
