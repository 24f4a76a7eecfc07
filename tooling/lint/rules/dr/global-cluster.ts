// The Aurora global clusters of a plan and which regional clusters join each (DR002-DR005), worked out
// once per run.
import type { Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import { targetsOf, typeSet } from '../../plan/references.ts';

export interface GlobalClusters {
  /** The global clusters, the one most members join first (then by address). */
  globals: Instance[];
  /** Member aws_rds_cluster instances of each global cluster, by the global cluster's address, sorted. */
  membersOf: Map<string, Instance[]>;
}

const GLOBAL_TYPES = typeSet('aws_rds_global_cluster');

export function globalClusters(ctx: RuleContext): GlobalClusters {
  return ctx.memo(globalClusters, () => {
    const globals = ctx.managedOf('aws_rds_global_cluster');
    const membersOf = new Map<string, Instance[]>(globals.map((g) => [g.address, []]));
    for (const c of ctx.managedOf('aws_rds_cluster')) {
      for (const t of targetsOf(ctx.index, c, ['global_cluster_identifier'], GLOBAL_TYPES)) membersOf.get(t.address)?.push(c);
    }
    for (const list of membersOf.values()) list.sort((a, b) => a.address.localeCompare(b.address));
    // The global cluster the members join is the real one; any other is the extra.
    const count = (g: Instance) => membersOf.get(g.address)!.length;
    globals.sort((a, b) => count(b) - count(a) || a.address.localeCompare(b.address));
    return { globals, membersOf };
  });
}
