import { SEC016 } from '../../../../../tooling/lint/rules/sec/SEC016.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC016, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_vpc_security_group_ingress_rule.db'),
  },
});
