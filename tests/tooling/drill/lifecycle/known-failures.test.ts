// The known-failures list: a violation it does not name is reported, and so is a listed one that holds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithKnownFailures, loadKnownFailures } from '../../../../tooling/drill/lifecycle/known-failures.ts';

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

  it('reads the shipped list, every entry naming issue 11 and a real invariant', () => {
    const known = loadKnownFailures();
    expect(known.length).toBeGreaterThan(0);
    expect(new Set(known.map((k) => k.issue))).toEqual(new Set([11]));
  });

  it('refuses an entry with an unknown invariant, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'drill-known-')), 'known.json');
    writeFileSync(file, JSON.stringify([{ scenario: 'a', invariant: 'no-such-thing', issue: 11 }]));
    expect(() => loadKnownFailures(file)).toThrow(/\[0\]\.invariant/);
  });
});
