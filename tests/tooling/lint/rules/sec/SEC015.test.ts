import { SEC015 } from '../../../../../tooling/lint/rules/sec/SEC015.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC015, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_api_gateway_method.post_trades`,
      `${S}.aws_api_gateway_method.post_trades`,
    ],
  },
});
