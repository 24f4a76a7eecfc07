import { defineRule } from '../../rule.ts';
import { bucketsWith } from './buckets.ts';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const SEC010 = defineRule({
  id: 'SEC010', family: 'SEC', target: 'plan', severity: 'high', title: 'S3 public access fully blocked',
  checks: 'Each bucket has an aws_s3_bucket_public_access_block with all four flags true.',
  why: 'One missing flag is enough for a policy or ACL to make objects public.',
  fix: 'Add the public access block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true.',
  equivalents: ['Checkov CKV2_AWS_6', 'Checkov CKV_AWS_53..56', 'Trivy AVD-AWS-0086/0087/0091/0093/0094'],
  check(ctx) {
    for (const { bucket: b, companions: blocks } of bucketsWith(ctx, 'aws_s3_bucket_public_access_block')) {
      if (blocks.length === 0) {
        ctx.emit(SEC010, b.address, `${b.address} has no aws_s3_bucket_public_access_block: add one with all four flags true.`);
      } else {
        const off = FLAGS.filter((f) => !blocks.some((p) => p.values[f] === true));
        if (off.length) ctx.emit(SEC010, b.address, `${b.address} public access block leaves ${off.join(', ')} off: set all four flags to true.`);
      }
    }
  },
});
