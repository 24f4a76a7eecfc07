// The module README generator: tables between the BEGIN/END_TF_DOCS markers, regenerated from the HCL.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { docsForModule, readModuleDocs, renderDocs, updateReadme } from '../../../tooling/docs/tf-docs.ts';
import { moduleDirs } from '../../../tooling/terraform/modules.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const root = join(repoRoot, 'tests', 'fixtures', 'hcl');

describe('docs', () => {
  it('keeps the committed fixture README current (inputs sorted, pipes escaped, defaults rendered)', async () => {
    const dir = join(root, 'modules', 'good');
    const generated = renderDocs(await readModuleDocs(dir));
    expect(updateReadme(readFileSync(join(dir, 'README.md'), 'utf8'), generated)).toBe(readFileSync(join(dir, 'README.md'), 'utf8'));
    expect(generated).toContain('| `retention_days` | Days \\| to keep messages. | `number` | `14` | no |');
    expect(generated).toContain('| `name_prefix` | Prefix for names, e.g. trading-dev in us-east-1. | `string` | n/a | yes |');
  });

  it('--check finds a README stale after a variable changes, and a write makes it current', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-'));
    cpSync(join(root, 'modules', 'good'), dir, { recursive: true });
    writeFileSync(join(dir, 'variables.tf'), `${readFileSync(join(dir, 'variables.tf'), 'utf8')}\nvariable "extra" {\n  type        = bool\n  description = "New."\n  default     = false\n}\n`);
    const noWrite = () => {
      throw new Error('check mode must not write');
    };
    expect((await docsForModule(dir, true, noWrite)).status).toBe('stale');
    expect((await docsForModule(dir, false, (f, t) => writeFileSync(f, t))).status).toBe('updated');
    expect((await docsForModule(dir, true, noWrite)).status).toBe('current');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# good\n\nA queue\. Prose above/);
  });

  it('docs --check exits 1 with one line per stale README', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-cli-'));
    cpSync(join(root, 'modules', 'good'), dir, { recursive: true });
    writeFileSync(join(dir, 'README.md'), '# good\n\n<!-- BEGIN_TF_DOCS -->\n<!-- END_TF_DOCS -->\n');
    const r = await $({ cwd: repoRoot, nothrow: true, quiet: true })`npx tsx tooling/bin/docs.ts --check ${dir}`;
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('is stale: run npm run docs');
  });
});

describe('module discovery', () => {
  it('finds inner modules below their parent, and skips folders without Terraform files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modules-'));
    for (const m of ['modules/outer', 'modules/outer/modules/region', 'modules/outer/modules/region/modules/deep', 'modules/outer/tests', 'modules/empty']) mkdirSync(join(dir, m), { recursive: true });
    for (const m of ['modules/outer', 'modules/outer/modules/region', 'modules/outer/modules/region/modules/deep']) writeFileSync(join(dir, m, 'main.tf'), '');
    writeFileSync(join(dir, 'modules/outer/tests/x.tftest.hcl'), '');
    expect(moduleDirs(dir).map((d) => relative(dir, d))).toEqual([
      'modules/outer',
      'modules/outer/modules/region',
      'modules/outer/modules/region/modules/deep',
    ]);
  });

});
