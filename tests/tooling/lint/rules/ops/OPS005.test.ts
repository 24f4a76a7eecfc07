import { OPS005 } from '../../../../../tooling/lint/rules/ops/OPS005.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS005, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_api_gateway_stage.this'),
  },
});
