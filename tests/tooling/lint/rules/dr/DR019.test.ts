import { DR019 } from '../../../../../tooling/lint/rules/dr/DR019.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR019, {
  passes: ['good', 'good-prod'],
  fails: {
    budget: ['module.failover.aws_sfn_state_machine.primary'],
  },
});
