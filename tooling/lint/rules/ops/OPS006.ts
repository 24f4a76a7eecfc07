import { block } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

export const OPS006 = defineRule({
  id: 'OPS006', family: 'OPS', target: 'plan', severity: 'medium', title: 'State machine tracing on',
  checks: 'aws_sfn_state_machine has tracing_configuration { enabled = true }.',
  why: 'The failover timeline is read from the traces.',
  fix: 'Set tracing_configuration { enabled = true }.',
  equivalents: ['Checkov CKV_AWS_284'],
  check(ctx) {
    for (const m of ctx.managedOf('aws_sfn_state_machine')) {
      if (block(m.values, ['tracing_configuration'])?.enabled !== true) ctx.emit(OPS006, m.address, `${m.address} has tracing off: set tracing_configuration { enabled = true }.`);
    }
  },
});
