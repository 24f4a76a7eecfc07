import { OPS006 } from '../../../../../tooling/lint/rules/ops/OPS006.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(OPS006, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: ['module.failover.aws_sfn_state_machine.primary', 'module.failover.aws_sfn_state_machine.secondary[0]'],
  },
});
