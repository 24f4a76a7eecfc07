import { str } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

export const SEC009 = defineRule({
  id: 'SEC009', family: 'SEC', target: 'plan', severity: 'high', title: 'KMS key rotation on',
  checks: 'aws_kms_key (symmetric) has enable_key_rotation = true. Replica keys follow their primary.',
  why: 'Rotation limits the data encrypted under one key version.',
  fix: 'Set enable_key_rotation = true.',
  equivalents: ['Checkov CKV_AWS_7', 'Trivy AVD-AWS-0065'],
  check(ctx) {
    for (const k of ctx.managedOf('aws_kms_key')) {
      const spec = str(k.values.customer_master_key_spec) ?? 'SYMMETRIC_DEFAULT';
      if (spec === 'SYMMETRIC_DEFAULT' && k.values.enable_key_rotation !== true) {
        ctx.emit(SEC009, k.address, `${k.address} has key rotation off: set enable_key_rotation = true.`);
      }
    }
  },
});
