import { DR018 } from '../../../../../tooling/lint/rules/dr/DR018.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR018, {
  passes: ['good', 'good-prod'],
  fails: {
    budget: ['module.failover.aws_sfn_state_machine.primary'],
  },
});
