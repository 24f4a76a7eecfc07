import { OPS003 } from '../../../../../tooling/lint/rules/ops/OPS003.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS003, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_sqs_queue.orders'),
  },
});
