import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC006 = defineRule({
  id: 'SEC006', family: 'SEC', target: 'plan', severity: 'medium', title: 'Log groups encrypted with a customer-managed key',
  checks: 'aws_cloudwatch_log_group has kms_key_id.',
  why: 'Logs hold request data and identifiers.',
  fix: 'Set kms_key_id to the region\'s logs key.',
  equivalents: ['Checkov CKV_AWS_158', 'Trivy AVD-AWS-0017'],
  check(ctx) {
    for (const i of ctx.managedOf('aws_cloudwatch_log_group')) {
      if (!isSet(i, ['kms_key_id'])) ctx.emit(SEC006, i.address, `${i.address} has no kms_key_id: set kms_key_id to the region's logs key.`);
    }
  },
});
