import { defineRule } from '../../rule.ts';

export const OPS005 = defineRule({
  id: 'OPS005', family: 'OPS', target: 'plan', severity: 'medium', title: 'API stage X-Ray on',
  checks: 'aws_api_gateway_stage has xray_tracing_enabled = true.',
  why: 'Traces show whether a failing request died in API Gateway or behind it.',
  fix: 'Set xray_tracing_enabled = true.',
  equivalents: ['Checkov CKV_AWS_73', 'Trivy AVD-AWS-0003'],
  check(ctx) {
    for (const s of ctx.managedOf('aws_api_gateway_stage')) {
      if (s.values.xray_tracing_enabled !== true) ctx.emit(OPS005, s.address, `${s.address} has X-Ray tracing off: set xray_tracing_enabled = true.`);
    }
  },
});
