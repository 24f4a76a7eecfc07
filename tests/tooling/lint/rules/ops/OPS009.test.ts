import { OPS009 } from '../../../../../tooling/lint/rules/ops/OPS009.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS009, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_lambda_function.health'),
  },
});
