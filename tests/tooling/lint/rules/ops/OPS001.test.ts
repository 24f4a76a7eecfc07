import { OPS001 } from '../../../../../tooling/lint/rules/ops/OPS001.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS001, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_sqs_queue.orders'),
  },
});
