import { OPS005 } from '../../../../../tooling/lint/rules/ops/OPS005.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS005, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_api_gateway_stage.this`, `${S}.aws_api_gateway_stage.this`],
  },
});
