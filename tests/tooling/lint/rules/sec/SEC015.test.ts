import { SEC015 } from '../../../../../tooling/lint/rules/sec/SEC015.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC015, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_api_gateway_method.post_trades'),
  },
});
