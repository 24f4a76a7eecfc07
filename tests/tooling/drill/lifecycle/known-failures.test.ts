// The known-failures list: a violation it does not name is reported, and so is a listed one that holds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithKnownFailures, loadKnownFailures } from '../../../../tooling/drill/lifecycle/known-failures.ts';
import { shippedScenarioFiles } from '../../../../tooling/drill/lifecycle/scenario.ts';

const verdicts = (scenario: string, violated: string[]) => ({
  scenario,
  invariants: (['single-writer-processing', 'no-late-execution'] as const).map((name) => ({ name, held: !violated.includes(name) })),
});

describe('known failures', () => {
  it('reports a violation the list does not name, and a listed failure that now holds', () => {
    const c = compareWithKnownFailures(
      [verdicts('a', ['single-writer-processing', 'no-late-execution']), verdicts('b', [])],
      [
        { scenario: 'a', invariant: 'single-writer-processing', issue: 11 },
        { scenario: 'b', invariant: 'no-late-execution', issue: 11 },
        { scenario: 'gone', invariant: 'no-late-execution', issue: 11 },
      ],
    );
    expect(c.unexpected).toEqual([{ scenario: 'a', invariant: 'no-late-execution' }]);
    expect(c.nowHolding).toEqual([{ scenario: 'b', invariant: 'no-late-execution', issue: 11 }]);
    expect(c.unmatched).toEqual([{ scenario: 'gone', invariant: 'no-late-execution', issue: 11 }]);
  });

  it('reads the shipped list: empty, or every entry naming a real scenario and issue 11, which stays open until the list is empty', () => {
    const known = loadKnownFailures();
    const scenarios = shippedScenarioFiles().map((f) => basename(f, '.json'));
    for (const k of known) {
      expect(k.issue).toBe(11);
      expect(scenarios).toContain(k.scenario);
    }
  });

  it('refuses an entry with an unknown invariant, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'drill-known-')), 'known.json');
    writeFileSync(file, JSON.stringify([{ scenario: 'a', invariant: 'no-such-thing', issue: 11 }]));
    expect(() => loadKnownFailures(file)).toThrow(/\[0\]\.invariant/);
  });
});
