import { labelled } from '../../../terraform/hcl.ts';
import { defineRule } from '../../rule.ts';

export const HCL005 = defineRule({
  id: 'HCL005', family: 'HCL', target: 'hcl', severity: 'high', title: 'No provider blocks in modules',
  checks: 'Files under modules/ contain no provider block.',
  why: 'Modules with providers cannot be instantiated per region, and removing them orphans resources.',
  fix: 'Declare configuration_aliases in versions.tf and let the caller pass providers.',
  equivalents: ['tflint terraform_module_provider_declaration (partly)'],
  check(ctx) {
    for (const { rel, doc, unit } of ctx.parsed) {
      if (unit.kind !== 'module') continue;
      for (const p of labelled(doc, 'provider')) {
        ctx.emit(HCL005, rel, `provider.${p.name}`, `${rel} declares provider "${p.name}": modules take providers from the caller; use configuration_aliases in versions.tf.`);
      }
    }
  },
});
