// Which bucket replicates to which (DR008, DR009), worked out once per run.
import type { Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import { targetsOf, typeSet } from '../../plan/references.ts';

export interface BucketReplication {
  /** Source bucket address -> destination bucket addresses. */
  edges: Map<string, Set<string>>;
  /** Buckets with a replication configuration. */
  configured: Set<string>;
  /** Buckets with a configuration whose destination resolves to nothing: no verdict on them. */
  unresolved: Set<string>;
  /** Each bucket (sorted by address) with its destination buckets in another region. */
  buckets: { bucket: Instance; peers: Instance[] }[];
}

const BUCKET_TYPES = typeSet('aws_s3_bucket');

export function bucketReplication(ctx: RuleContext): BucketReplication {
  return ctx.memo(bucketReplication, () => {
    const { index } = ctx;
    const edges = new Map<string, Set<string>>();
    const configured = new Set<string>();
    const unresolved = new Set<string>();
    for (const rc of ctx.managedOf('aws_s3_bucket_replication_configuration')) {
      const sources = targetsOf(index, rc, ['bucket'], BUCKET_TYPES);
      const destinations = targetsOf(index, rc, ['rule', 'destination', 'bucket'], BUCKET_TYPES);
      for (const s of sources) {
        configured.add(s.address);
        if (destinations.length === 0) unresolved.add(s.address);
        for (const d of destinations) {
          const set = edges.get(s.address) ?? new Set<string>();
          set.add(d.address);
          edges.set(s.address, set);
        }
      }
    }
    const buckets = ctx.managedOf('aws_s3_bucket').sort((a, b) => a.address.localeCompare(b.address)).map((bucket) => ({
      bucket,
      peers: [...(edges.get(bucket.address) ?? [])]
        .map((a) => index.byAddress.get(a)!)
        .filter((p) => p && p.region && bucket.region && p.region !== bucket.region),
    }));
    return { edges, configured, unresolved, buckets };
  });
}
