import { DR012 } from '../../../../../tooling/lint/rules/dr/DR012.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR012, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.failover.aws_sfn_state_machine.primary'],
  },
});
