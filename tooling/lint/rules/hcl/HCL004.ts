import { labelled } from '../../../terraform/hcl.ts';
import { defineRule } from '../../rule.ts';

export const HCL004 = defineRule({
  id: 'HCL004', family: 'HCL', target: 'hcl', severity: 'medium', title: 'Variables have a description',
  checks: 'Every variable block has a non-empty description.',
  why: 'The generated README tables are the module\'s interface documentation.',
  fix: 'Add description.',
  equivalents: ['tflint terraform_documented_variables'],
  check(ctx) {
    for (const { rel, doc } of ctx.parsed) {
      for (const v of labelled(doc, 'variable')) {
        if (typeof v.body.description !== 'string' || v.body.description.trim() === '') {
          ctx.emit(HCL004, rel, `variable.${v.name}`, `variable "${v.name}" in ${rel} has no description: add one (it becomes the README inputs table).`);
        }
      }
    }
  },
});
