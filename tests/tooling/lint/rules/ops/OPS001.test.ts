import { OPS001 } from '../../../../../tooling/lint/rules/ops/OPS001.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS001, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_sqs_queue.orders`, `${S}.aws_sqs_queue.orders`],
  },
});
