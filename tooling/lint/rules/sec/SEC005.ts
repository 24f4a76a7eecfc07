import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC005 = defineRule({
  id: 'SEC005', family: 'SEC', target: 'plan', severity: 'medium', title: 'SNS topics encrypted with a customer-managed key',
  checks: 'aws_sns_topic has kms_master_key_id.',
  why: 'Alarm and operations messages can carry resource details.',
  fix: 'Set kms_master_key_id to the region\'s key (and allow CloudWatch to use it).',
  equivalents: ['Checkov CKV_AWS_26 (any encryption)', 'Trivy AVD-AWS-0136'],
  check(ctx) {
    for (const i of ctx.managedOf('aws_sns_topic')) {
      if (!isSet(i, ['kms_master_key_id'])) ctx.emit(SEC005, i.address, `${i.address} has no kms_master_key_id: set kms_master_key_id to the region's key.`);
    }
  },
});
