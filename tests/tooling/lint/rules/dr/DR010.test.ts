import { DR010 } from '../../../../../tooling/lint/rules/dr/DR010.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR010, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.failover.aws_route53_record.primary'],
  },
});
