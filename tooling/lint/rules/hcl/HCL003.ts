import { labelled } from '../../../terraform/hcl.ts';
import { defineRule } from '../../rule.ts';

export const HCL003 = defineRule({
  id: 'HCL003', family: 'HCL', target: 'hcl', severity: 'medium', title: 'Variables have a type',
  checks: 'Every variable block has type.',
  why: 'Untyped variables accept anything and fail late.',
  fix: 'Add type (prefer object({...}) with optional() over any).',
  equivalents: ['tflint terraform_typed_variables'],
  check(ctx) {
    for (const { rel, doc } of ctx.parsed) {
      for (const v of labelled(doc, 'variable')) {
        if (v.body.type === undefined) ctx.emit(HCL003, rel, `variable.${v.name}`, `variable "${v.name}" in ${rel} has no type: add type (e.g. string, or object({...}) with optional()).`);
      }
    }
  },
});
