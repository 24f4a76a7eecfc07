import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { defineRule } from '../../rule.ts';

export const HCL012 = defineRule({
  id: 'HCL012', family: 'HCL', target: 'hcl', severity: 'medium', title: 'Environments share one composition',
  checks: 'Every .tf file of environments/<env>/ (except the gitignored offline override) resolves to environments/shared/.',
  why: 'Differences between environments are inputs only (terraform.tfvars).',
  fix: 'Replace the file with a symlink to ../shared/<file> and move the difference into an input.',
  equivalents: [],
  check(ctx) {
    for (const unit of ctx.units) {
      const { relDir } = unit;
      // A dangling link (a shared file renamed or deleted) is a finding, not a crash.
      for (const f of unit.dangling) {
        ctx.emit(HCL012, `${relDir}/${f}`, null, `${relDir}/${f} is a broken link: point it at an existing file in environments/shared/ or delete it.`);
      }
      if (unit.kind !== 'environment') continue;
      for (const f of unit.tfFiles) {
        const p = join(unit.dir, f);
        if (!lstatSync(p).isSymbolicLink() || basename(dirname(realpathSync(p))) !== 'shared') {
          ctx.emit(HCL012, `${relDir}/${f}`, null, `${relDir}/${f} is not a link to environments/shared/${f}: environments differ only in terraform.tfvars; link it (ln -s ../shared/${f}).`);
        }
      }
    }
  },
});
