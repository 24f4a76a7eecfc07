import { inRegion } from '../../plan/context.ts';
import { defineRule } from '../../rule.ts';
import { globalClusters } from './global-cluster.ts';

export const DR005 = defineRule({
  id: 'DR005', family: 'DR', target: 'plan', severity: 'critical', title: 'No headless member cluster',
  checks: 'Every member cluster of the global cluster has at least one aws_rds_cluster_instance.',
  why: 'A headless secondary replicates storage but cannot be promoted quickly: it has no instance to become the writer.',
  fix: 'Create at least one aws_rds_cluster_instance whose cluster_identifier is the member cluster.',
  equivalents: [],
  check(ctx) {
    const { globals, membersOf } = globalClusters(ctx);
    const instancesOf = ctx.companions('aws_rds_cluster_instance', ['cluster_identifier'], ['aws_rds_cluster']);
    for (const g of globals) {
      for (const m of membersOf.get(g.address)!) {
        if ((instancesOf.get(m.address) ?? []).length === 0) {
          ctx.emit(DR005, m.address,
            `${m.address}${inRegion(m)} has no aws_rds_cluster_instance: a headless member cannot be promoted; add at least one instance.`);
        }
      }
    }
  },
});
