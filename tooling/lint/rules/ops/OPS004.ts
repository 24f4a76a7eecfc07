import { block, str } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

export const OPS004 = defineRule({
  id: 'OPS004', family: 'OPS', target: 'plan', severity: 'medium', title: 'Lambda X-Ray active',
  checks: 'aws_lambda_function has tracing_config mode Active.',
  why: 'Failover drills and incidents are traced end to end.',
  fix: 'Set tracing_config { mode = "Active" }.',
  equivalents: ['Checkov CKV_AWS_50', 'Trivy AVD-AWS-0066'],
  check(ctx) {
    for (const f of ctx.managedOf('aws_lambda_function')) {
      if (str(block(f.values, ['tracing_config'])?.mode) !== 'Active') ctx.emit(OPS004, f.address, `${f.address} has X-Ray tracing off: set tracing_config { mode = "Active" }.`);
    }
  },
});
