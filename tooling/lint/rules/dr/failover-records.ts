// The Route 53 records with a failover routing policy (DR010, DR011), sorted by address, once per run.
import { getAll, type Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';

export function failoverRecords(ctx: RuleContext): Instance[] {
  return ctx.memo(failoverRecords, () => ctx.managedOf('aws_route53_record')
    .filter((r) => getAll(r.values, ['failover_routing_policy']).length > 0)
    .sort((a, b) => a.address.localeCompare(b.address)));
}
