// The one list of invariants the shipped scenarios violate on today's design, each with the issue
// that removes it (tooling/drill/scenarios/known-failures.json). The tests hold the drill to exactly
// this list: a new violation fails them, and so does a listed one that starts to hold, so the issue
// that fixes it also removes its entry.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { UserError } from '../../core/errors.ts';
import { INVARIANTS, type InvariantName } from './invariants.ts';
import { fieldPath, KNOWN_FAILURES_FILE } from './scenario.ts';

export interface KnownFailure {
  scenario: string;
  invariant: InvariantName;
  issue: number;
}

const schema = z.array(
  z.strictObject({
    scenario: z.string().min(1),
    invariant: z.enum(INVARIANTS),
    issue: z.number().int().positive(),
  }),
);

export function loadKnownFailures(file = KNOWN_FAILURES_FILE): KnownFailure[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${file}: ${fieldPath(issue.path) || 'the list'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface Verdicts {
  scenario: string;
  invariants: { name: InvariantName; held: boolean }[];
}

export interface KnownFailureComparison {
  /** Violations the list does not name: regressions (or a list that is out of date). */
  unexpected: { scenario: string; invariant: InvariantName }[];
  /** Listed failures that now hold: remove them from the list. */
  nowHolding: KnownFailure[];
  /** Listed failures for scenarios that were not run (or do not exist). */
  unmatched: KnownFailure[];
}

export function compareWithKnownFailures(results: Verdicts[], known: KnownFailure[]): KnownFailureComparison {
  const out: KnownFailureComparison = { unexpected: [], nowHolding: [], unmatched: [] };
  const byScenario = new Map(results.map((r) => [r.scenario, r]));
  for (const r of results) {
    for (const i of r.invariants) {
      if (!i.held && !known.some((k) => k.scenario === r.scenario && k.invariant === i.name)) out.unexpected.push({ scenario: r.scenario, invariant: i.name });
    }
  }
  for (const k of known) {
    const r = byScenario.get(k.scenario);
    if (!r) {
      out.unmatched.push(k);
      continue;
    }
    if (r.invariants.find((i) => i.name === k.invariant)?.held) out.nowHolding.push(k);
  }
  return out;
}

/** The known failure for a scenario's invariant, if the list names it. */
export function knownFailure(known: KnownFailure[], scenario: string, invariant: string): KnownFailure | undefined {
  return known.find((k) => k.scenario === scenario && k.invariant === invariant);
}
