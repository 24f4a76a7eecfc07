import { defineRule } from '../../rule.ts';
import { moduleLiterals } from './literals.ts';

export const HCL006 = defineRule({
  id: 'HCL006', family: 'HCL', target: 'hcl', severity: 'high', title: 'No hard-coded region in modules',
  checks: 'No AWS region name appears in module .tf files (tests and comments excluded).',
  why: 'Region names are inputs; a literal region breaks the second instance.',
  fix: 'Use data.aws_region.current.name or an input.',
  equivalents: [],
  check(ctx) {
    for (const { file, regions } of moduleLiterals(ctx)) {
      for (const r of regions) ctx.emit(HCL006, file.rel, null, `${file.rel} hard-codes the region ${r}: take it from data.aws_region.current.name or an input.`);
    }
  },
});
