import { getAll } from '../../plan/index.ts';
import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC007 = defineRule({
  id: 'SEC007', family: 'SEC', target: 'plan', severity: 'medium', title: 'Lambda environment encrypted with a customer-managed key',
  checks: 'An aws_lambda_function with environment variables has kms_key_arn.',
  why: 'Environment variables are stored with the function; a CMK restricts who can read them.',
  fix: 'Set kms_key_arn on the function.',
  equivalents: ['Checkov CKV_AWS_173'],
  check(ctx) {
    for (const f of ctx.managedOf('aws_lambda_function')) {
      const vars = getAll(f.values, ['environment', 'variables']);
      const hasVars = vars.some((v) => v && typeof v === 'object' && Object.keys(v).length > 0) || getAll(f.unknown, ['environment', 'variables']).includes(true);
      if (hasVars && !isSet(f, ['kms_key_arn'])) {
        ctx.emit(SEC007, f.address, `${f.address} has environment variables but no kms_key_arn: set kms_key_arn to the region's key.`);
      }
    }
  },
});
