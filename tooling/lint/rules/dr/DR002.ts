import { PLAN_ADDRESS } from '../../plan/context.ts';
import { defineRule } from '../../rule.ts';
import { globalClusters } from './global-cluster.ts';

export const DR002 = defineRule({
  id: 'DR002', family: 'DR', target: 'plan', severity: 'critical', title: 'Exactly one Aurora global cluster',
  checks: 'A multi-region plan has exactly one aws_rds_global_cluster.',
  why: 'The member clusters must join one global cluster; none means no cross-region database, two means split data.',
  fix: 'Create the global cluster once (global-data) and pass its id to each regional stack.',
  equivalents: [],
  check(ctx) {
    const { globals } = globalClusters(ctx);
    if (globals.length === 0) {
      if (ctx.multiRegion) {
        ctx.emit(DR002, PLAN_ADDRESS,
          `The plan spans ${ctx.index.regions.join(', ')} but has no aws_rds_global_cluster: create one (global-data) and join a member cluster in each region.`);
      }
      return;
    }
    for (const extra of globals.slice(1)) {
      ctx.emit(DR002, extra.address,
        `${extra.address} is a second aws_rds_global_cluster (members join ${globals[0]!.address}): keep exactly one and join every regional cluster to it.`);
    }
  },
});
