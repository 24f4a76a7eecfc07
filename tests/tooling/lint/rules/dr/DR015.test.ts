import { DR015 } from '../../../../../tooling/lint/rules/dr/DR015.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR015, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.region_secondary.aws_sqs_queue.dlq'],
  },
});
