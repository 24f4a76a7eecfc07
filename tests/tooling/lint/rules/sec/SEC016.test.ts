import { SEC016 } from '../../../../../tooling/lint/rules/sec/SEC016.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC016, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_vpc_security_group_ingress_rule.db`,
      `${S}.aws_vpc_security_group_ingress_rule.db`,
    ],
  },
});
