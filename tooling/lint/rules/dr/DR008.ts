import { inRegion } from '../../plan/context.ts';
import { defineRule } from '../../rule.ts';
import { bucketReplication } from './replication.ts';

export const DR008 = defineRule({
  id: 'DR008', family: 'DR', target: 'plan', severity: 'high', title: 'Every bucket replicates to its peer region',
  checks: 'Each aws_s3_bucket has an aws_s3_bucket_replication_configuration whose destination is a bucket in another region.',
  why: 'Config and audit data must exist in the region that takes over.',
  fix: 'Add a replication configuration (with its versioning) to the peer bucket in the other region.',
  equivalents: ['Checkov CKV_AWS_144 (cross-region replication, not the pairing)'],
  check(ctx) {
    if (!ctx.multiRegion) return;
    const { buckets, configured, unresolved } = bucketReplication(ctx);
    for (const { bucket: b, peers } of buckets) {
      if (unresolved.has(b.address) || peers.length > 0) continue;
      ctx.emit(DR008, b.address, configured.has(b.address)
        ? `${b.address}${inRegion(b)} replicates only within its own region: point its replication destination at the peer bucket in the other region.`
        : `${b.address}${inRegion(b)} has no aws_s3_bucket_replication_configuration: replicate it to its peer bucket in the other region.`);
    }
  },
});
