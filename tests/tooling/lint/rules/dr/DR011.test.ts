import { DR011 } from '../../../../../tooling/lint/rules/dr/DR011.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR011, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.failover.aws_route53_record.primary'],
  },
});
