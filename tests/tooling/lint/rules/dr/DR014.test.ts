import { DR014 } from '../../../../../tooling/lint/rules/dr/DR014.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR014, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.region_primary.aws_cloudwatch_metric_alarm.rpo_lag'],
  },
});
