import { str } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';
import { globalClusters } from './global-cluster.ts';

export const DR004 = defineRule({
  id: 'DR004', family: 'DR', target: 'plan', severity: 'high', title: 'Members match the global engine and version',
  checks: 'Each member cluster\'s engine and (when set) engine_version equal the global cluster\'s.',
  why: 'A member on another engine version cannot join, and a failover target must run the same version.',
  fix: 'Pass engine and engine_version from the global cluster\'s outputs instead of setting them again.',
  equivalents: [],
  check(ctx) {
    const { globals, membersOf } = globalClusters(ctx);
    for (const g of globals) {
      const engine = str(g.values.engine);
      const version = str(g.values.engine_version);
      for (const m of membersOf.get(g.address)!) {
        const me = str(m.values.engine);
        const mv = str(m.values.engine_version);
        if (engine && me && me !== engine) {
          ctx.emit(DR004, m.address, `${m.address} runs engine ${me} but its global cluster ${g.address} runs ${engine}: pass the engine from the global cluster.`);
        } else if (version && mv && mv !== version) {
          ctx.emit(DR004, m.address,
            `${m.address} sets engine_version ${mv} but its global cluster ${g.address} has ${version}: take the version from the global cluster output.`);
        }
      }
    }
  },
});
