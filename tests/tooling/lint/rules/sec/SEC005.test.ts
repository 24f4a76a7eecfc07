import { SEC005 } from '../../../../../tooling/lint/rules/sec/SEC005.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC005, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_sns_topic.alarms'),
  },
});
