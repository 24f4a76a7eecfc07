import { getAll } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';
import { bucketsWith } from './buckets.ts';

export const SEC012 = defineRule({
  id: 'SEC012', family: 'SEC', target: 'plan', severity: 'medium', title: 'Bucket owner enforced',
  checks: 'Each bucket has aws_s3_bucket_ownership_controls with object_ownership = BucketOwnerEnforced.',
  why: 'It disables ACLs, so access is decided by policies alone (and replicas are owned by the destination).',
  fix: 'Add ownership controls with BucketOwnerEnforced.',
  equivalents: ['Checkov CKV2_AWS_65'],
  check(ctx) {
    for (const { bucket: b, companions: own } of bucketsWith(ctx, 'aws_s3_bucket_ownership_controls')) {
      const enforced = own.some((o) => getAll(o.values, ['rule', 'object_ownership']).includes('BucketOwnerEnforced'));
      if (!enforced) {
        ctx.emit(SEC012, b.address, own.length
          ? `${b.address} ownership controls are not BucketOwnerEnforced: set rule { object_ownership = "BucketOwnerEnforced" }.`
          : `${b.address} has no aws_s3_bucket_ownership_controls: add one with BucketOwnerEnforced.`);
      }
    }
  },
});
