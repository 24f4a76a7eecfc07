import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HCL012 } from '../../../../../tooling/lint/rules/hcl/HCL012.ts';
import { describeRule, HCL_FIXTURES } from '../describe-rule.ts';

describeRule(HCL012, {
  passes: ['environments/shared', 'modules/good'],
  fails: {
    'environments/dev': ['environments/dev/extra.tf'],
    // A link to a shared file that was renamed or deleted is a finding, not a crash.
    'a dangling link': {
      root: () => {
        const copy = mkdtempSync(join(tmpdir(), 'hcl-root-'));
        cpSync(HCL_FIXTURES, copy, { recursive: true, verbatimSymlinks: true });
        symlinkSync('../shared/gone.tf', join(copy, 'environments', 'dev', 'gone.tf'));
        return copy;
      },
      paths: ['environments/dev'],
      addresses: ['environments/dev/extra.tf', 'environments/dev/gone.tf'],
      messages: ['environments/dev/gone.tf is a broken link'],
    },
  },
});
