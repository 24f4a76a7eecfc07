import { moduleSteps } from '../../../terraform/address.ts';
import { stripKeys } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

export const DR001 = defineRule({
  id: 'DR001', family: 'DR', target: 'plan', severity: 'high', title: 'Regional stacks are symmetric',
  checks: 'Every module instance of the same source (e.g. the regional stack called once per region) plans the same multiset of resource types.',
  why: 'A region that lacks a resource its peer has fails differently after failover; the design makes symmetry an invariant.',
  fix: 'Make the difference an input with the same resources in both instances (e.g. a flag that changes a value, not a count).',
  equivalents: [],
  check(ctx) {
    const { index } = ctx;
    // Resource type counts of every module instance, nested ones counted in each ancestor too.
    const typeCounts = new Map<string, Map<string, number>>();
    for (const inst of index.managed) {
      if (!inst.module) continue;
      const parts = moduleSteps(inst.module);
      for (let i = 1; i <= parts.length; i++) {
        const m = parts.slice(0, i).join('.');
        const counts = typeCounts.get(m) ?? new Map<string, number>();
        counts.set(inst.type, (counts.get(inst.type) ?? 0) + 1);
        typeCounts.set(m, counts);
      }
    }
    const bySource = new Map<string, string[]>();
    for (const m of index.moduleInstances) {
      const source = index.moduleCalls.get(stripKeys(m))?.source;
      if (!source) continue;
      const list = bySource.get(source) ?? [];
      list.push(m);
      bySource.set(source, list);
    }
    for (const [source, instances] of bySource) {
      if (instances.length < 2) continue;
      instances.sort();
      const reference = instances[0]!;
      const refCounts = typeCounts.get(reference) ?? new Map<string, number>();
      for (const other of instances.slice(1)) {
        const counts = typeCounts.get(other) ?? new Map<string, number>();
        const diffs: string[] = [];
        for (const type of [...new Set([...refCounts.keys(), ...counts.keys()])].sort()) {
          const a = refCounts.get(type) ?? 0;
          const b = counts.get(type) ?? 0;
          if (a !== b) diffs.push(`${type} ${b} vs ${a}`);
        }
        if (diffs.length) {
          ctx.emit(DR001, other,
            `${other} plans different resources than ${reference} (same source ${source}): ${diffs.join(', ')}. ` +
            'Make the regional difference an input value, not a different set of resources.');
        }
      }
    }
  },
});
