import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC004 = defineRule({
  id: 'SEC004', family: 'SEC', target: 'plan', severity: 'medium', title: 'SQS queues encrypted with a customer-managed key',
  checks: 'aws_sqs_queue has kms_master_key_id.',
  why: 'Trade orders are business data; SQS-managed SSE gives no key policy control.',
  fix: 'Set kms_master_key_id to the region\'s logs/queues key.',
  equivalents: ['Checkov CKV_AWS_27 (any encryption)', 'Trivy AVD-AWS-0135'],
  check(ctx) {
    for (const i of ctx.managedOf('aws_sqs_queue')) {
      if (!isSet(i, ['kms_master_key_id'])) ctx.emit(SEC004, i.address, `${i.address} has no kms_master_key_id: set kms_master_key_id to the region's queue key.`);
    }
  },
});
