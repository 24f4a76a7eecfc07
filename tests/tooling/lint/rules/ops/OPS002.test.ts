import { OPS002 } from '../../../../../tooling/lint/rules/ops/OPS002.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS002, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_cloudwatch_log_group.processor`, `${S}.aws_cloudwatch_log_group.processor`],
  },
});
