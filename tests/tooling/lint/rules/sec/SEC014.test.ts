import { SEC014 } from '../../../../../tooling/lint/rules/sec/SEC014.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC014, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_iam_role_policy.processor`,
      `${S}.aws_iam_role_policy.processor`,
    ],
  },
});
