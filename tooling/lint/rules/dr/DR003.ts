import { defineRule } from '../../rule.ts';
import { globalClusters } from './global-cluster.ts';

export const DR003 = defineRule({
  id: 'DR003', family: 'DR', target: 'plan', severity: 'critical', title: 'A member cluster in every region',
  checks: 'The global cluster has a member aws_rds_cluster (global_cluster_identifier) in each region of the plan.',
  why: 'A region without a member cluster has nothing to promote.',
  fix: 'Set global_cluster_identifier on the regional stack\'s aws_rds_cluster in every region.',
  equivalents: [],
  check(ctx) {
    const { globals, membersOf } = globalClusters(ctx);
    for (const g of globals) {
      const memberRegions = new Set(membersOf.get(g.address)!.map((m) => m.region).filter(Boolean));
      for (const region of ctx.index.regions) {
        if (!memberRegions.has(region)) {
          ctx.emit(DR003, g.address,
            `${g.address} has no member aws_rds_cluster in ${region}: set global_cluster_identifier on that region's cluster.`);
        }
      }
    }
  },
});
