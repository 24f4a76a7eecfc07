import { OPS004 } from '../../../../../tooling/lint/rules/ops/OPS004.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS004, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_lambda_function.processor`, `${S}.aws_lambda_function.processor`],
  },
});
