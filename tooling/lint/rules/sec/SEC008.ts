import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC008 = defineRule({
  id: 'SEC008', family: 'SEC', target: 'plan', severity: 'medium', title: 'SecureString parameters use a customer-managed key',
  checks: 'aws_ssm_parameter of type SecureString has key_id.',
  why: 'The default aws/ssm key cannot be granted to the other region\'s roles or audited separately.',
  fix: 'Set key_id to the region\'s key.',
  equivalents: ['Checkov CKV_AWS_337'],
  check(ctx) {
    for (const p of ctx.managedOf('aws_ssm_parameter')) {
      if (p.values.type === 'SecureString' && !isSet(p, ['key_id'])) {
        ctx.emit(SEC008, p.address, `${p.address} is a SecureString on the default aws/ssm key: set key_id to the region's key.`);
      }
    }
  },
});
