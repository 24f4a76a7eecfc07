// plan-lint's contract on bad input and usage: exit 2 with exactly one line on stderr, never a stack.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { guarded } from '../../../tooling/core/cli.ts';
import { fixtures, runPlanLint } from './helpers.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-input-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const good = JSON.stringify(JSON.parse(readFileSync(join(fixtures, 'literal-names.json'), 'utf8')));

const utf16 = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);

const REFUSALS: [string, string, RegExp][] = [
  ['missing file', join(dir, 'nope.json'), /nope\.json does not exist/],
  ['empty file', file('empty.json', ''), /empty\.json is empty/],
  ['whitespace only', file('blank.json', '  \n\t'), /blank\.json is empty/],
  ['not JSON', file('text.json', 'this is not json'), /text\.json is not valid JSON/],
  ['truncated JSON', file('truncated.json', good.slice(0, Math.floor(good.length / 2))), /truncated\.json is truncated JSON/],
  ['a JSON array', file('array.json', '[1,2,3]'), /array\.json holds an array, not a terraform show -json plan object/],
  ['a JSON string', file('string.json', '"plan"'), /string\.json holds a string/],
  ['JSON null', file('null.json', 'null'), /null\.json holds null/],
  ['no format_version', file('noversion.json', '{"resource_changes": []}'), /noversion\.json has no format_version/],
  ['unsupported major', file('v2.json', '{"format_version": "2.0", "resource_changes": []}'), /v2\.json has format_version 2\.0: plan-lint supports the 0\.x and 1\.x/],
  ['a state file', file('state.json', '{"format_version": "1.0", "values": {}}'), /state\.json has no resource_changes.*looks like a state file/],
  ['corrupt resource_changes', file('corrupt.json', '{"format_version": "1.2", "resource_changes": [{"address": 1}]}'), /corrupt\.json resource_changes\[0\] has no address or type/],
  ['UTF-16 without BOM', file('utf16-nobom.json', utf16(good, false)), /utf16-nobom\.json looks like UTF-16 without a byte-order mark/],
  ['a directory', dir, /is a directory/],
];

describe('plan-lint refuses unreadable input', () => {
  it.each(REFUSALS)('%s: exit 2, one line naming the file', async (_name, path, message) => {
    const r = await runPlanLint([path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^plan-lint: error: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('decodes UTF-16 with a byte-order mark (LE and BE) and lints it', async () => {
    const le = await runPlanLint([file('utf16le.json', utf16(good, true)), '--fail-on', 'critical']);
    const beBody = Buffer.from(good, 'utf16le');
    beBody.swap16();
    const be = await runPlanLint([file('utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), beBody])), '--fail-on', 'critical']);
    const bom8 = await runPlanLint([file('utf8bom.json', `\uFEFF${good}`), '--fail-on', 'critical']);
    for (const r of [le, be, bom8]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('3 resources checked');
    }
  });
});

describe('plan-lint usage', () => {
  const plan = join(fixtures, 'literal-names.json');
  it.each([
    ['no plan file', [], /Missing the plan file/],
    ['two plan files', [plan, plan], /Expected one plan file, got 2/],
    ['unknown option', [plan, '--colour'], /Unknown option --colour/],
    ['bad format', [plan, '--format', 'xml'], /Unknown --format xml: use one of human, json, sarif, markdown/],
    ['bad fail-on', [plan, '--fail-on', 'severe'], /Unknown --fail-on severe/],
    ['flag without value', [plan, '--format'], /--format needs a value/],
    ['missing suppressions file', [plan, '--suppressions', join(dir, 'none.json')], /Suppressions file .*none\.json does not exist/],
  ])('%s: exit 2, one line', async (_n, args, message) => {
    const r = await runPlanLint(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('exits by --fail-on: 1 when a finding is at or above it, 0 below it', async () => {
    // literal-names.json has only medium/high S3 findings (no SEC/OPS critical).
    const high = await runPlanLint([plan, '--fail-on', 'high']);
    const critical = await runPlanLint([plan, '--fail-on', 'critical']);
    expect(high.code).toBe(1);
    expect(critical.code).toBe(0);
  });

  it('--help prints usage and exits 0', async () => {
    const r = await runPlanLint(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: npm run --silent plan-lint');
  });
});

describe('plan-lint as a subprocess', () => {
  const cli = (args: string[]) => $({ cwd: repoRoot, nothrow: true, quiet: true })`npx tsx tooling/bin/plan-lint.ts ${args}`;

  it('refuses a truncated file with one line and exit 2', async () => {
    const r = await cli([file('cli-truncated.json', '{"format_version": "1.2", "resource_')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('is truncated JSON');
  });

  it('prints one JSON object and exits 0 on a clean plan', async () => {
    const r = await cli([join(fixtures, 'good.json'), '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['summary', 'findings', 'budget']);
    expect(out.findings).toEqual([]);
  });

  it('exits 1 with findings at or above --fail-on', async () => {
    const r = await cli([join(fixtures, 'dr.json'), '--format', 'markdown']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
  });
});

describe('unexpected internal errors', () => {
  it('become one line and exit 2, never a stack trace', async () => {
    let stderr = '';
    const code = await guarded('plan-lint', { stdout: () => {}, stderr: (s) => (stderr += s) }, () => {
      throw new TypeError('cannot read x\n    at somewhere (file.ts:1:1)');
    });
    expect(code).toBe(2);
    expect(stderr).toBe('plan-lint: internal error: TypeError: cannot read x at somewhere (file.ts:1:1) (please report this with the input that caused it)\n');
  });
});
