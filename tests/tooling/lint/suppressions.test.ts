// Suppressions: a reason and an expiry are mandatory; expired and unused entries are findings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../../tooling/lint/engine.ts';
import { globToRegExp, parseSuppressions, type Suppression } from '../../../tooling/lint/suppressions.ts';
import { fixture, fixtures, pairs, runPlanLint } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-supp-'));
const S = 'module.region_secondary';

const lintWith = (name: string, suppressions: Suppression[], today = '2025-06-01') =>
  lintPlan(fixture(name), { input: `${name}.json`, suppressions, suppressionsFile: 'lint-suppressions.json', today });

describe('suppressions', () => {
  it('suppresses matching findings by glob and counts them', () => {
    const report = lintWith('ops', [{ rule: 'OPS009', address: 'module.region_*.aws_lambda_function.health', reason: 'Health logs go to the shared group by design.', expires: '2025-12-31' }]);
    expect(pairs(report, 'OPS009')).toEqual([]);
    expect(report.summary.suppressed).toBe(2);
  });

  it('stops suppressing after the expiry date and reports the expired entry', () => {
    const report = lintWith('ops', [{ rule: 'OPS009', address: `${S}.aws_lambda_function.health`, reason: 'Accepted until the log group lands.', expires: '2025-05-31' }]);
    expect(pairs(report, 'OPS009')).toEqual([`OPS009 module.region_primary.aws_lambda_function.health`, `OPS009 ${S}.aws_lambda_function.health`]);
    expect(pairs(report, 'LINT')).toEqual([`LINT001 ${S}.aws_lambda_function.health`]);
  });

  it('reports an entry that matches nothing', () => {
    const report = lintWith('good', [{ rule: 'SEC016', address: 'module.nowhere.*', reason: 'Left over from a removed module.', expires: '2030-01-01' }]);
    expect(pairs(report)).toEqual(['LINT002 module.nowhere.*']);
  });

  it('applies environment-scoped entries only to plans of that environment', () => {
    const entry: Suppression = { rule: 'SEC018', address: 'module.global.*', reason: 'Prod table protection arrives with the next release.', expires: '2030-01-01', environments: ['prod'] };
    expect(pairs(lintWith('prod-unprotected', [entry]), 'SEC018')).toHaveLength(4);
    expect(pairs(lintWith('good', [entry]))).toEqual([]);
  });

  it('treats * as any run of characters including brackets, and everything else literally', () => {
    expect(globToRegExp('module.a.aws_s3_bucket.this[*]').test('module.a.aws_s3_bucket.this["x"]')).toBe(true);
    expect(globToRegExp('module.a.aws_s3_bucket.this').test('module.aXaws_s3_bucket.this')).toBe(false);
  });

  it.each([
    [[{ rule: 'DR008', address: 'x', expires: '2030-01-01' }], /has no reason/],
    [[{ rule: 'DR008', address: 'x', reason: '   ', expires: '2030-01-01' }], /has no reason/],
    [[{ rule: 'DR008', address: 'x', reason: 'A real reason here.' }], /needs expires as a date/],
    [[{ rule: 'DR008', address: 'x', reason: 'A real reason here.', expires: '31/12/2030' }], /needs expires as a date/],
    [[{ rule: 'XX999', address: 'x', reason: 'A real reason here.', expires: '2030-01-01' }], /unknown rule XX999/],
    [[{ rule: 'DR008', reason: 'A real reason here.', expires: '2030-01-01' }], /needs an address/],
    [[{ rule: 'DR008', address: 'x', reason: 'A real reason here.', expires: '2030-01-01', owner: 'me' }], /unknown field\(s\) owner/],
    [{ nope: true }, /must hold \{"suppressions": \[\.\.\.\]\}/],
  ])('refuses %j', (doc, message) => {
    expect(() => parseSuppressions(JSON.stringify(doc), 'lint-suppressions.json')).toThrow(message);
  });

  it('makes a suppression without a reason a usage error of the CLI: exit 2, one line', async () => {
    const file = join(dir, 'no-reason.json');
    writeFileSync(file, JSON.stringify({ suppressions: [{ rule: 'DR008', address: 'x', expires: '2030-01-01' }] }));
    const r = await runPlanLint([join(fixtures, 'good.json'), '--suppressions', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('suppression #1 (DR008 x) has no reason');
  });
});
