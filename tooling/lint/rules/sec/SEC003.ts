import { block, getAll, str, type Obj } from '../../plan/index.ts';
import { expressionsAt, isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC003 = defineRule({
  id: 'SEC003', family: 'SEC', target: 'plan', severity: 'high', title: 'DynamoDB encrypted with a customer-managed key',
  checks: 'aws_dynamodb_table has server_side_encryption enabled with kms_key_arn, and every replica block has kms_key_arn.',
  why: 'Without a CMK per replica, each replica falls back to the AWS-owned key.',
  fix: 'Set server_side_encryption { enabled = true, kms_key_arn = ... } and kms_key_arn in each replica.',
  equivalents: ['Checkov CKV_AWS_119', 'Trivy AVD-AWS-0025'],
  check(ctx) {
    for (const t of ctx.managedOf('aws_dynamodb_table')) {
      const sse = block(t.values, ['server_side_encryption']);
      if (sse?.enabled !== true || !isSet(t, ['server_side_encryption', 'kms_key_arn'])) {
        ctx.emit(SEC003, t.address, `${t.address} is not encrypted with a customer-managed key: set server_side_encryption { enabled = true, kms_key_arn = <region key> }.`);
      }
      getAll(t.values, ['replica']).forEach((r, i) => {
        const o = r as Obj;
        const unknown = getAll(t.unknown, ['replica'])[i];
        const arnUnknown = !!unknown && typeof unknown === 'object' && !Array.isArray(unknown) && (unknown as Obj).kms_key_arn === true &&
          expressionsAt(t, ['replica', 'kms_key_arn']).length > 0;
        if (!(typeof o?.kms_key_arn === 'string' && o.kms_key_arn) && !arnUnknown) {
          ctx.emit(SEC003, t.address, `${t.address} replica in ${str(o?.region_name) ?? '?'} has no kms_key_arn: give it that region's key.`);
        }
      });
    }
  },
});
