import { SEC004 } from '../../../../../tooling/lint/rules/sec/SEC004.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC004, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_sqs_queue.orders'),
  },
});
