import { PLAN_ADDRESS } from '../../plan/context.ts';
import { str } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';
import { globalTables, replicas, tables } from './global-table.ts';

export const DR006 = defineRule({
  id: 'DR006', family: 'DR', target: 'plan', severity: 'high', title: 'Sessions table replicated to every region',
  checks: 'The DynamoDB global table (aws_dynamodb_table with replica blocks) has a replica in every region of the plan other than its own.',
  why: 'Sessions written in one region must be readable in the other after failover.',
  fix: 'Add a replica block with region_name for each other region.',
  equivalents: [],
  check(ctx) {
    const globals = globalTables(ctx);
    if (globals.length === 0) {
      const all = tables(ctx);
      if (ctx.multiRegion && all.length > 0) {
        for (const t of all) {
          ctx.emit(DR006, t.address, `${t.address} has no replica: the sessions table must be a global table with a replica in every other region (${ctx.index.regions.filter((r) => r !== t.region).join(', ')}).`);
        }
      } else if (ctx.multiRegion) {
        ctx.emit(DR006, PLAN_ADDRESS, 'The plan spans two regions but has no DynamoDB global table (aws_dynamodb_table with replica blocks) for sessions.');
      }
      return;
    }
    for (const t of globals) {
      const regions = new Set(replicas(t).map((r) => str(r.region_name)).filter(Boolean));
      for (const region of ctx.index.regions) {
        if (region !== t.region && !regions.has(region)) {
          ctx.emit(DR006, t.address, `${t.address} has no replica in ${region}: add replica { region_name = "${region}" }.`);
        }
      }
    }
  },
});
