import { SEC004 } from '../../../../../tooling/lint/rules/sec/SEC004.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC004, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_sqs_queue.orders`,
      `${S}.aws_sqs_queue.orders`,
    ],
  },
});
