import { block, str } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';
import { globalTables, replicas } from './global-table.ts';

export const DR007 = defineRule({
  id: 'DR007', family: 'DR', target: 'plan', severity: 'high', title: 'PITR on the table and every replica',
  checks: 'point_in_time_recovery is enabled on the global table and on each replica block.',
  why: 'A replica without PITR loses its restore window the moment it becomes the only copy.',
  fix: 'Set point_in_time_recovery { enabled = true } and point_in_time_recovery = true in each replica block.',
  equivalents: ['Checkov CKV_AWS_28', 'Checkov CKV_AWS_165', 'Trivy AVD-AWS-0024'],
  check(ctx) {
    for (const t of globalTables(ctx)) {
      if (block(t.values, ['point_in_time_recovery'])?.enabled !== true) {
        ctx.emit(DR007, t.address, `${t.address} has point-in-time recovery off: set point_in_time_recovery { enabled = true }.`);
      }
      for (const r of replicas(t)) {
        if (r.point_in_time_recovery !== true) {
          ctx.emit(DR007, t.address, `${t.address} replica in ${str(r.region_name) ?? '?'} has point-in-time recovery off: set point_in_time_recovery = true in that replica block.`);
        }
      }
    }
  },
});
