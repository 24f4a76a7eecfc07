// hcl-lint over a miniature repository (tests/fixtures/hcl): exact rule IDs and addresses, syntax errors
// as findings, tftest files and prose skipped, inner modules checked as modules, environments linked to
// the shared composition. Each rule's own cases are in tests/tooling/lint/rules/hcl/.
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHcl, HclSyntaxError } from '../../../tooling/terraform/hcl.ts';
import { hclLintMain } from '../../../tooling/lint/hcl-lint.ts';
import { satisfies } from '../../../tooling/lint/rules/hcl/versions.ts';
import { sarifValidator } from './helpers.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const root = join(repoRoot, 'tests', 'fixtures', 'hcl');

async function run(args: string[], at = root) {
  let stdout = '';
  let stderr = '';
  const code = await hclLintMain(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, at);
  return { code, stdout, stderr };
}

describe('hcl-lint on the fixture repository', () => {
  it('reports exactly these rule IDs at these addresses', async () => {
    const r = await run(['--format', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { rule: string; address: string }) => `${f.rule} ${f.address}`).sort()).toEqual([
      'HCL001 modules/bad/README.md',
      'HCL001 modules/bad/outputs.tf',
      'HCL003 modules/bad/variables.tf:variable.untyped',
      'HCL004 modules/bad/variables.tf:variable.undocumented',
      'HCL005 modules/bad/main.tf:provider.aws',
      'HCL006 modules/bad/main.tf',
      'HCL007 modules/bad/main.tf',
      'HCL008 modules/bad/versions.tf:terraform.required_providers.aws',
      'HCL009 modules/bad/versions.tf:terraform.required_version',
      'HCL010 modules/bad/main.tf',
      'HCL011 modules/broken/main.tf',
      'HCL012 environments/dev/extra.tf',
      // Inner modules (modules/outer/modules/inner, and its own inner module) are modules too.
      'HCL001 modules/outer/modules/inner/outputs.tf',
      'HCL002 modules/outer/modules/inner/modules/deep/README.md',
      'HCL002 modules/unmarked/README.md',
      'HCL003 modules/outer/modules/inner/variables.tf:variable.untyped_inner',
      'HCL005 modules/outer/modules/inner/main.tf:provider.aws',
      'HCL008 modules/outer/modules/inner/modules/deep/versions.tf:terraform.required_providers.aws',
    ].sort());
    expect(r.code).toBe(1);
    expect(out.summary.tool).toBe('hcl-lint');
    expect(out.budget).toBeNull();
  });

  it('names the region, the account id and the parse position in the messages', async () => {
    const out = JSON.parse((await run(['--format', 'json'])).stdout);
    const msg = (rule: string) => out.findings.find((f: { rule: string }) => f.rule === rule).message;
    expect(msg('HCL006')).toContain('eu-west-1');
    expect(msg('HCL007')).toContain('123456789012');
    expect(msg('HCL011')).toMatch(/modules\/broken\/main\.tf:\d+,\d+/);
  });

  it('is clean on the good module and the shared environment alone', async () => {
    const r = await run(['modules/good', 'environments/shared', '--fail-on', 'low']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No findings');
  });

  it('refuses a path that does not exist with one line and exit 2', async () => {
    const r = await run(['modules/nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hcl-lint: error: modules/nope does not exist.\n');
  });

  it('reports a dangling environment link as a finding instead of failing', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'hcl-root-'));
    cpSync(root, copy, { recursive: true, verbatimSymlinks: true });
    symlinkSync('../shared/gone.tf', join(copy, 'environments', 'dev', 'gone.tf'));
    const out = JSON.parse((await run(['--format', 'json'], copy)).stdout);
    expect(out.findings.filter((f: { rule: string }) => f.rule === 'HCL012').map((f: { address: string }) => f.address))
      .toEqual(['environments/dev/extra.tf', 'environments/dev/gone.tf']);
  });

  it('writes valid SARIF with the file as the physical location', async () => {
    const log = JSON.parse((await run(['--format', 'sarif'])).stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'HCL011');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('modules/broken/main.tf');
    expect(log.runs[0].tool.driver.name).toBe('hcl-lint');
  });
});

describe('the adapter and helpers', () => {
  it('turns a syntax error into an HclSyntaxError with Terraform\'s diagnostic', async () => {
    await expect(parseHcl('x.tf', 'resource "a" "b" {')).rejects.toThrow(HclSyntaxError);
    await expect(parseHcl('x.tf', 'resource "a" "b" {')).rejects.toThrow(/x\.tf:1,\d+-\d+: Unclosed configuration block/);
  });

  it.each([
    ['1.11.4', '~> 1.11.4', true],
    ['1.11.9', '~> 1.11.4', true],
    ['1.12.0', '~> 1.11.4', false],
    ['1.11.3', '~> 1.11.4', false],
    ['1.11.4', '>= 1.9.0, < 2.0.0', true],
    ['1.11.4', '= 1.11.4', true],
    ['1.11.4', '~> 1.9', true],
  ])('satisfies(%s, %s) = %s', (v, c, want) => {
    expect(satisfies(v, c)).toBe(want);
  });
});
