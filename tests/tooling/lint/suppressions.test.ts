// Waivers: check, resource, reason, owner, expiry and decision record are mandatory; the report lists
// them; expired waivers fail the run and unused ones are findings.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../../tooling/lint/engine.ts';
import { globToRegExp, parseSuppressions, readSuppressions, type Suppression } from '../../../tooling/lint/suppressions.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { fixture, fixtures, pairs, runPlanLint, sarifValidator } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'plan-lint-supp-'));
const S = 'module.region_secondary';
const HEALTH = 'module.region_*.aws_lambda_function.health';
const DECISION = 'docs/decisions/002-functions-and-the-vpc.md';
const waiver = (over: Partial<Suppression> = {}): Suppression => ({
  rule: 'OPS009', address: HEALTH, reason: 'Health logs go to the shared group by design.', owner: 'platform-team', expires: '2025-12-31', decision: DECISION, ...over,
});

const lintWith = (name: string, suppressions: Suppression[], today = '2025-06-01', failOn: 'low' | 'high' | 'critical' = 'high') =>
  lintPlan(fixture(name), { input: `${name}.json`, suppressions, suppressionsFile: 'lint-suppressions.json', today, failOn });

/** A waivers file in the temporary directory (decision links resolve against it, so it holds docs/ too). */
function waiversFile(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('waivers file', () => {
  it('accepts a valid file: every field, the repository file included', () => {
    const ok = parseSuppressions(JSON.stringify({ suppressions: [waiver({ environments: ['prod'] }), waiver({ owner: 'sre@example.com', decision: `${DECISION}#decision` })] }), 'w.json');
    expect(ok).toHaveLength(2);
    expect(ok[0]).toEqual(waiver({ environments: ['prod'] }));
    const repo = readSuppressions(join(repoRoot, 'lint-suppressions.json'));
    expect(repo.length).toBeGreaterThan(0);
    for (const w of repo) {
      expect(w.owner).toMatch(/\S/);
      expect(w.decision).toMatch(/^docs\/decisions\//);
    }
  });

  const base = { rule: 'DR008', address: 'x', reason: 'A real reason here.', owner: 'platform-team', expires: '2030-01-01', decision: DECISION };
  const without = (field: keyof typeof base) => {
    const { [field]: _gone, ...rest } = base;
    return [rest];
  };
  it.each([
    ['the check ID', without('rule'), /suppression #1 \(x\) needs rule, a check ID/],
    ['the resource', without('address'), /suppression #1 \(DR008\) needs address/],
    ['the reason', without('reason'), /suppression #1 \(DR008 x\) has no reason/],
    ['the owner', without('owner'), /suppression #1 \(DR008 x\) needs owner/],
    ['the expiry', without('expires'), /suppression #1 \(DR008 x\) needs expires as a date/],
    ['the decision record', without('decision'), /suppression #1 \(DR008 x\) needs decision, a link to its decision record/],
  ])('refuses a waiver without %s, naming the entry', (_field, doc, message) => {
    expect(() => parseSuppressions(JSON.stringify(doc), 'lint-suppressions.json')).toThrow(message);
  });

  it.each([
    [[{ ...base, reason: '   ' }], /has no reason/],
    [[{ ...base, expires: '31/12/2030' }], /needs expires as a date/],
    [[{ ...base, expires: '2030-02-30' }], /needs expires as a date/],
    [[{ ...base, rule: 'XX999' }], /unknown rule XX999/],
    [[{ ...base, owner: 'Platform Team' }], /needs owner/],
    [[{ ...base, decision: 'https://wiki.example.com/waivers' }], /needs decision/],
    [[{ ...base, environments: 'prod' }], /environments must be a list/],
    [[{ ...base, ticket: 'SEC-1' }], /unknown field\(s\) ticket/],
    [[base, 'nope'], /suppression #2 is not an object/],
    [{ nope: true }, /must hold \{"suppressions": \[\.\.\.\]\}/],
  ])('refuses %j', (doc, message) => {
    expect(() => parseSuppressions(JSON.stringify(doc), 'lint-suppressions.json')).toThrow(message);
  });

  it('refuses a decision record that does not exist next to the file', () => {
    const file = waiversFile('missing-decision.json', { suppressions: [{ ...base, decision: 'docs/decisions/999-nothing.md' }] });
    expect(() => readSuppressions(file)).toThrow(/links decision record docs\/decisions\/999-nothing\.md, which does not exist/);
  });

  it('makes an invalid waiver a usage error of the CLI: exit 2, one line naming the entry', async () => {
    const file = waiversFile('no-owner.json', { suppressions: [without('owner')[0]] });
    const r = await runPlanLint([join(fixtures, 'good.json'), '--suppressions', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('suppression #1 (DR008 x) needs owner');
  });
});

describe('applying waivers', () => {
  it('suppresses matching findings by glob and counts them', () => {
    const report = lintWith('ops', [waiver()]);
    expect(pairs(report, 'OPS009')).toEqual([]);
    expect(report.summary.suppressed).toBe(2);
  });

  it('stops suppressing after the expiry date, reports the expired waiver and fails whatever --fail-on says', () => {
    const report = lintWith('ops', [waiver({ address: `${S}.aws_lambda_function.health`, expires: '2025-05-31' })], '2025-06-01', 'critical');
    expect(pairs(report, 'OPS009')).toEqual([`OPS009 module.region_primary.aws_lambda_function.health`, `OPS009 ${S}.aws_lambda_function.health`]);
    expect(pairs(report, 'LINT')).toEqual([`LINT001 ${S}.aws_lambda_function.health`]);
    expect(report.summary.expiredWaivers).toBe(1);
    expect(report.summary.counts.critical).toBe(0);
    expect(report.summary.failed).toBe(true);
  });

  it('keeps a waiver good through its expiry day (the date is injectable)', () => {
    const w = [waiver({ expires: '2025-06-01' })];
    expect(lintWith('ops', w, '2025-06-01').summary.expiredWaivers).toBe(0);
    expect(lintWith('ops', w, '2025-06-02').summary.expiredWaivers).toBe(1);
  });

  it('fails the CLI with exit 1 on an expired waiver, and passes the day before', async () => {
    const file = waiversFile('expired.json', { suppressions: [{ ...waiver(), expires: '2025-05-31', decision: 'docs/decisions/000-x.md' }] });
    mkdirSync(join(dir, 'docs', 'decisions'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'decisions', '000-x.md'), '# 000: x\n');
    const args = [join(fixtures, 'ops.json'), '--suppressions', file, '--fail-on', 'critical'];
    const after = await runPlanLint(args, '2025-06-01');
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('EXPIRED 2025-05-31');
    expect((await runPlanLint(args, '2025-05-31')).code).toBe(0);
  });

  it('reports an entry that matches nothing', () => {
    const report = lintWith('good', [waiver({ rule: 'SEC016', address: 'module.nowhere.*', expires: '2030-01-01' })]);
    expect(pairs(report)).toEqual(['LINT002 module.nowhere.*']);
  });

  it('applies environment-scoped entries only to plans of that environment', () => {
    const entry = waiver({ rule: 'SEC018', address: 'module.global.*', expires: '2030-01-01', environments: ['prod'] });
    expect(pairs(lintWith('prod-unprotected', [entry]), 'SEC018')).toHaveLength(4);
    expect(pairs(lintWith('good', [entry]))).toEqual([]);
    expect(lintWith('good', [entry]).waivers).toEqual([]);
  });

  it('treats * as any run of characters including brackets, and everything else literally', () => {
    expect(globToRegExp('module.a.aws_s3_bucket.this[*]').test('module.a.aws_s3_bucket.this["x"]')).toBe(true);
    expect(globToRegExp('module.a.aws_s3_bucket.this').test('module.aXaws_s3_bucket.this')).toBe(false);
  });
});

describe('the report lists waivers', () => {
  const file = waiversFile('report.json', { suppressions: [waiver({ expires: '2030-01-01' })] });
  const plan = join(fixtures, 'ops.json');
  // The decision link resolves against the file's directory.
  mkdirSync(join(dir, 'docs', 'decisions'), { recursive: true });
  writeFileSync(join(dir, DECISION), '# 002\n');

  it('human: each waiver with owner, expiry, decision record and the addresses it suppressed', async () => {
    const r = await runPlanLint([plan, '--suppressions', file]);
    r.stdout = r.stdout.replace(/\n\s+/g, ' ');
    expect(r.stdout).toContain('WAIVERS (1; 2 finding(s) suppressed)');
    expect(r.stdout).toContain(`OPS009 ${HEALTH}: owner platform-team, until 2030-01-01, ${DECISION}`);
    expect(r.stdout).toContain('suppressed: module.region_primary.aws_lambda_function.health');
    expect(r.stdout).toContain(`suppressed: ${S}.aws_lambda_function.health`);
  });

  it('markdown and JSON: the waivers table and list', async () => {
    const md = await runPlanLint([plan, '--suppressions', file, '--format', 'markdown']);
    expect(md.stdout).toContain(`| OPS009 | \`${HEALTH}\` | platform-team | 2030-01-01 | ${DECISION} | 2 |`);
    const json = JSON.parse((await runPlanLint([plan, '--suppressions', file, '--format', 'json'])).stdout);
    expect(json.waivers).toEqual([expect.objectContaining({ rule: 'OPS009', owner: 'platform-team', expires: '2030-01-01', decision: DECISION, expired: false,
      findings: ['module.region_primary.aws_lambda_function.health', `${S}.aws_lambda_function.health`] })]);
  });

  it('SARIF: waived findings are results with an accepted external suppression carrying the waiver (schema-valid)', async () => {
    const log = JSON.parse((await runPlanLint([plan, '--suppressions', file, '--format', 'sarif'])).stdout);
    expect(sarifValidator()(log)).toBe(true);
    const waived = log.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(waived.map((r: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName).sort())
      .toEqual(['module.region_primary.aws_lambda_function.health', `${S}.aws_lambda_function.health`]);
    expect(waived[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Health logs go to the shared group by design.',
      properties: { owner: 'platform-team', expires: '2030-01-01', decision: DECISION, waiver: `OPS009 ${HEALTH}` } }]);
  });

  it('lists nothing without a waivers file', async () => {
    const r = await runPlanLint([plan]);
    expect(r.stdout).not.toContain('WAIVERS');
  });
});
