import { PLAN_ADDRESS } from '../../plan/context.ts';
import { block, str, type Instance } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';
import { failoverRecords } from './failover-records.ts';

export const DR010 = defineRule({
  id: 'DR010', family: 'DR', target: 'plan', severity: 'critical', title: 'PRIMARY and SECONDARY failover records',
  checks: 'Each name with a failover_routing_policy record has exactly one PRIMARY and one SECONDARY aws_route53_record.',
  why: 'Without the pair, Route 53 has nowhere to send traffic when the primary fails: there is no DNS failover.',
  fix: 'Create both failover records (alias to each region\'s custom domain) with distinct set_identifier values.',
  equivalents: [],
  check(ctx) {
    const records = failoverRecords(ctx);
    if (records.length === 0) {
      if (ctx.multiRegion) ctx.emit(DR010, PLAN_ADDRESS, 'The plan spans two regions but has no failover records: create PRIMARY and SECONDARY aws_route53_record with failover_routing_policy and health checks.');
      return;
    }
    const groups = new Map<string, Instance[]>();
    for (const r of records) {
      const key = `${str(r.values.name) ?? r.configAddress}|${str(r.values.type) ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const typeOf = (r: Instance) => str(block(r.values, ['failover_routing_policy'])?.type);
    for (const group of groups.values()) {
      const primaries = group.filter((r) => typeOf(r) === 'PRIMARY');
      const secondaries = group.filter((r) => typeOf(r) === 'SECONDARY');
      const name = str(group[0]!.values.name) ?? 'this name';
      if (primaries.length === 0) {
        for (const s of secondaries) ctx.emit(DR010, s.address, `${s.address} is a SECONDARY failover record for ${name} without a PRIMARY partner: add the PRIMARY record.`);
      }
      if (secondaries.length === 0) {
        for (const p of primaries) ctx.emit(DR010, p.address, `${p.address} is a PRIMARY failover record for ${name} without a SECONDARY partner: add the SECONDARY record for the other region.`);
      }
      for (const extra of [...primaries.slice(1), ...secondaries.slice(1)]) {
        ctx.emit(DR010, extra.address, `${extra.address} duplicates the ${typeOf(extra)} failover record for ${name}: keep exactly one PRIMARY and one SECONDARY.`);
      }
    }
  },
});
