import { SEC008 } from '../../../../../tooling/lint/rules/sec/SEC008.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC008, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_ssm_parameter.default_key[0]`,
      `${S}.aws_ssm_parameter.default_key[0]`,
    ],
  },
});
