import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { failoverRecords } from './failover-records.ts';

export const DR011 = defineRule({
  id: 'DR011', family: 'DR', target: 'plan', severity: 'high', title: 'Failover records carry a health check',
  checks: 'Every aws_route53_record with a failover_routing_policy has a health_check_id.',
  why: 'Route 53 fails over only on a failing health check; a record without one is always considered healthy.',
  fix: 'Set health_check_id to the region\'s /health check.',
  equivalents: [],
  check(ctx) {
    for (const r of failoverRecords(ctx)) {
      if (!isSet(r, ['health_check_id'])) {
        ctx.emit(DR011, r.address, `${r.address} has no health_check_id: Route 53 cannot fail over on it; attach the region's /health check.`);
      }
    }
  },
});
