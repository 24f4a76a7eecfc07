import { OPS009 } from '../../../../../tooling/lint/rules/ops/OPS009.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS009, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_lambda_function.health`, `${S}.aws_lambda_function.health`],
  },
});
