import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineRule } from '../../rule.ts';
import { LAYOUT } from './layout.ts';

export const HCL001 = defineRule({
  id: 'HCL001', family: 'HCL', target: 'hcl', severity: 'medium', title: 'Standard module layout',
  checks: 'Each module has main.tf (or split .tf files), variables.tf, outputs.tf, versions.tf and README.md.',
  why: 'People and tools find inputs, outputs and pins in the same place in every module.',
  fix: 'Add the missing file.',
  equivalents: ['tflint terraform_standard_module_structure'],
  check(ctx) {
    for (const unit of ctx.units) {
      if (unit.kind !== 'module') continue;
      const { relDir, tfFiles } = unit;
      for (const f of LAYOUT) if (!tfFiles.includes(f)) ctx.emit(HCL001, `${relDir}/${f}`, null, `${relDir} has no ${f}: the standard module layout puts ${f.replace('.tf', '')} there.`);
      if (!tfFiles.some((f) => !LAYOUT.includes(f))) ctx.emit(HCL001, `${relDir}/main.tf`, null, `${relDir} has no main.tf (or split resource files): add the resources in main.tf.`);
      if (!existsSync(join(unit.dir, 'README.md'))) {
        ctx.emit(HCL001, `${relDir}/README.md`, null, `${relDir} has no README.md: add what the module is for, a usage example and the generated docs markers.`);
      }
    }
  },
});
