import { getAll, str, type Obj } from '../../plan/index.ts';
import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { bucketsWith } from './buckets.ts';

export const SEC001 = defineRule({
  id: 'SEC001', family: 'SEC', target: 'plan', severity: 'high', title: 'S3 buckets encrypted with a customer-managed key',
  checks: 'Each bucket has an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms (or aws:kms:dsse) and kms_master_key_id.',
  why: 'A CMK keeps key policy, rotation and cross-region replicas under the platform\'s control.',
  fix: 'Add the encryption configuration with the region\'s data key.',
  equivalents: ['Checkov CKV_AWS_145', 'Trivy AVD-AWS-0132'],
  check(ctx) {
    for (const { bucket: b, companions: sseCfgs } of bucketsWith(ctx, 'aws_s3_bucket_server_side_encryption_configuration')) {
      const cmk = sseCfgs.some((c) =>
        getAll(c.values, ['rule', 'apply_server_side_encryption_by_default']).some((d) => {
          const alg = str((d as Obj)?.sse_algorithm);
          const keySet = isSet(c, ['rule', 'apply_server_side_encryption_by_default', 'kms_master_key_id']);
          return (alg === 'aws:kms' || alg === 'aws:kms:dsse') && keySet;
        }));
      if (!cmk) {
        ctx.emit(SEC001, b.address, sseCfgs.length
          ? `${b.address} is not encrypted with a customer-managed key: set sse_algorithm = "aws:kms" and kms_master_key_id in ${sseCfgs[0]!.address}.`
          : `${b.address} has no aws_s3_bucket_server_side_encryption_configuration: add one with aws:kms and the region's key.`);
      }
    }
  },
});
