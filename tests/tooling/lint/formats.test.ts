// Output formats: JSON shape, SARIF 2.1.0 against the published schema, markdown, and the human report.
import { describe, expect, it } from 'vitest';
import { familiesOf } from '../../../tooling/lint/rules/index.ts';
import { render } from '../../../tooling/lint/cli.ts';
import { fixture, lint, sarifValidator } from './helpers.ts';

const report = lint(fixture('dr'), 'build/plans/dev.json');

describe('--format json', () => {
  it('prints one object with summary, findings (rule, severity, address, message) and budget', () => {
    const out = JSON.parse(render(report, 'json'));
    expect(Object.keys(out)).toEqual(['summary', 'findings', 'budget']);
    expect(out.findings.length).toBe(report.findings.length);
    for (const f of out.findings) expect(Object.keys(f)).toEqual(['rule', 'severity', 'address', 'message']);
    expect(out.summary.counts.critical).toBe(report.findings.filter((f) => f.severity === 'critical').length);
    expect(out.budget.totalSeconds).toBe(out.budget.parts.detection.seconds + out.budget.parts.orchestration.seconds + out.budget.parts.promotion.seconds + out.budget.parts.dns.seconds);
  });
});

describe('--format sarif', () => {
  const validate = sarifValidator();
  const log = JSON.parse(render(report, 'sarif'));

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a broken log (the validator is not vacuous)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('carries every rule with help text and each finding with its address as a logical location', () => {
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('plan-lint');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(familiesOf('plan-lint').flatMap((f) => f.rules.map((r) => r.id)));
    for (const r of run.tool.driver.rules) expect(r.help.text.length).toBeGreaterThan(20);
    expect(run.results.map((r: any) => [r.ruleId, r.locations[0].logicalLocations[0].fullyQualifiedName]))
      .toEqual(report.findings.map((f) => [f.rule, f.address]));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });
});

describe('--format markdown', () => {
  it('has the verdict, counts by severity, a findings table and the budget', () => {
    const md = render(report, 'markdown');
    expect(md).toMatch(/^### plan-lint: `build\/plans\/dev\.json` FAILED \(--fail-on high\)/);
    expect(md).toContain('| critical | high | medium | low | info |');
    expect(md).toContain('| Severity | Rule | Address | Finding |');
    expect(md).toContain('| critical | DR005 | `module.region_secondary.aws_rds_cluster.this` |');
    expect(md).toMatch(/\*\*RTO budget:\*\* \d+ s/);
  });

  it('escapes pipes so a message cannot break the table', () => {
    const r = structuredClone(report);
    r.findings = [{ rule: 'OPS007', severity: 'medium', address: 'a|b', message: 'x | y' }];
    expect(render(r, 'markdown')).toContain('| medium | OPS007 | `a\\|b` | x \\| y |');
  });
});

describe('human format', () => {
  const text = render(report, 'human');
  it('groups by severity, says what was checked and how long it took, and fits 100 columns', () => {
    expect(text.split('\n')[0]).toMatch(/^plan-lint build\/plans\/dev\.json: \d+ resources checked in [\d.]+ ms$/);
    expect(text.indexOf('CRITICAL (')).toBeLessThan(text.indexOf('HIGH ('));
    expect(text).toContain('RTO budget:');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(text.trimEnd().split('\n').pop()).toMatch(/finding\(s\): .*; 0 suppressed; FAILED \(--fail-on high\)\.$/);
  });
});
