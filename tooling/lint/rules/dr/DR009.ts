import { defineRule } from '../../rule.ts';
import { bucketReplication } from './replication.ts';

export const DR009 = defineRule({
  id: 'DR009', family: 'DR', target: 'plan', severity: 'high', title: 'Bucket replication is bidirectional',
  checks: 'When bucket A replicates to B, B replicates back to A.',
  why: 'After a failover the new active region writes to B; without B -> A nothing flows back for the failback.',
  fix: 'Add the reverse replication configuration on the peer bucket (replica modification sync on both).',
  equivalents: [],
  check(ctx) {
    if (!ctx.multiRegion) return;
    const { buckets, edges, unresolved } = bucketReplication(ctx);
    for (const { bucket: b, peers } of buckets) {
      if (unresolved.has(b.address) || peers.length === 0) continue;
      // A destination expression can resolve to several candidate buckets (a computed for_each key); it is
      // enough that one of them replicates back, so an over-approximation never produces a finding.
      if (peers.some((p) => unresolved.has(p.address) || edges.get(p.address)?.has(b.address))) continue;
      const names = peers.map((p) => p.address).join(', ');
      ctx.emit(DR009, b.address, `${b.address} replicates to ${names}, which does not replicate back: add the reverse replication configuration on ${peers.length > 1 ? 'its peer' : names}.`);
    }
  },
});
