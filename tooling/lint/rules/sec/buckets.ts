// Buckets and their companions (SEC001, SEC010-SEC012, SEC019).
import type { Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';

/** Each aws_s3_bucket with the companions of `companionType` that point at it. */
export function bucketsWith(ctx: RuleContext, companionType: string): { bucket: Instance; companions: Instance[] }[] {
  const byBucket = ctx.companions(companionType, ['bucket'], ['aws_s3_bucket']);
  return ctx.managedOf('aws_s3_bucket').map((bucket) => ({ bucket, companions: byBucket.get(bucket.address) ?? [] }));
}
