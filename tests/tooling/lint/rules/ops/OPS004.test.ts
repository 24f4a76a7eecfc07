import { OPS004 } from '../../../../../tooling/lint/rules/ops/OPS004.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS004, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_lambda_function.processor'),
  },
});
