import { getAll } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

export const REQUIRED_TAGS = ['Project', 'Environment', 'ManagedBy', 'Repository'];

export const OPS001 = defineRule({
  id: 'OPS001', family: 'OPS', target: 'plan', severity: 'low', title: 'Required tags',
  checks: 'Every taggable resource\'s tags_all has Project, Environment, ManagedBy and Repository.',
  why: 'Cost allocation, ownership and drift tracing rely on them.',
  fix: 'Keep the providers\' default_tags; do not override them with empty values.',
  equivalents: [],
  check(ctx) {
    for (const inst of ctx.index.managed) {
      const computed = getAll(inst.unknown, ['tags_all']).includes(true);
      if (!('tags_all' in inst.values) && !computed) continue;
      let missing: string[];
      if (computed) {
        // tags_all is computed when the resource sets its own tags: an explicit empty value still shows.
        const tags = (inst.values.tags ?? {}) as Record<string, unknown>;
        missing = REQUIRED_TAGS.filter((t) => t in tags && (tags[t] === '' || tags[t] === null));
      } else {
        const tags = (inst.values.tags_all ?? {}) as Record<string, unknown>;
        missing = REQUIRED_TAGS.filter((t) => typeof tags[t] !== 'string' || tags[t] === '');
      }
      if (missing.length) ctx.emit(OPS001, inst.address, `${inst.address} lacks tag(s) ${missing.join(', ')}: keep the providers' default_tags (Project, Environment, ManagedBy, Repository).`);
    }
  },
});
