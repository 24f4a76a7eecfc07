import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineRule } from '../../rule.ts';

export const HCL002 = defineRule({
  id: 'HCL002', family: 'HCL', target: 'hcl', severity: 'low', title: 'README with generated docs markers',
  checks: 'The module README.md has <!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS --> markers.',
  why: 'npm run docs writes the inputs and outputs tables between them.',
  fix: 'Add the markers and run npm run docs.',
  equivalents: [],
  check(ctx) {
    for (const unit of ctx.units) {
      const readme = join(unit.dir, 'README.md');
      // A module without a README is HCL001's finding.
      if (unit.kind !== 'module' || !existsSync(readme)) continue;
      const text = readFileSync(readme, 'utf8');
      if (!text.includes('<!-- BEGIN_TF_DOCS -->') || !text.includes('<!-- END_TF_DOCS -->')) {
        ctx.emit(HCL002, `${unit.relDir}/README.md`, null, `${unit.relDir}/README.md lacks the <!-- BEGIN_TF_DOCS --> / <!-- END_TF_DOCS --> markers: add them and run npm run docs.`);
      }
    }
  },
});
