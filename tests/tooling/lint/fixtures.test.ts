// The plan fixtures as a whole (real `terraform show -json` plans of tests/fixtures/plans/src). What
// each defect variant reports is declared rule by rule in tests/tooling/lint/rules/<family>/<ID>.test.ts:
// every rule test lists its findings on the fixtures it fails and must report nothing on the others.
import { describe, expect, it } from 'vitest';
import { fixture, lint, pairs } from './helpers.ts';

describe('plan fixtures', () => {
  it.each(['good', 'good-prod'])('%s has no finding of any rule', (name) => {
    expect(pairs(lint(fixture(name), `${name}.json`))).toEqual([]);
  });

  it('checks a realistic number of resources in the good plan', () => {
    const report = lint(fixture('good'));
    expect(report.summary.checked).toBeGreaterThan(100);
    expect(report.budget?.parameterSource).toBe('rto_parameters');
  });
});
