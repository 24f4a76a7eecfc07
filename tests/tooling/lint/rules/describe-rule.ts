// describeRule(rule, { passes, fails }): the one shape of a rule test. Both keys are required and may
// not be empty (the registry test also checks each rule's test file for them).
//
// Plan rules (and the LINT rules, which read suppressions) take real `terraform show -json` plans:
//   passes: ['good', { label: 'a replica key in its own region', doc: () => ... }]
//   fails:  { dr: ['module.x.aws_y.z'], 'a label': { doc: () => ..., addresses: [...] } }
// A string names a fixture of tests/fixtures/plans; an array value lists, sorted or not, every address
// the rule reports on that fixture (an address twice when it is reported twice). Every fixture plan the
// `fails` keys do not name must give the rule nothing, so a fixture's full expectation is the union of
// the rule tests.
//
// HCL rules take directories of tests/fixtures/hcl ('.' is the whole fixture tree, linted as the
// repository root is), or { root: () => dir, paths } for a tree built by the test.
//
// A plan or HCL rule runs alone on the context the engine builds (its shared computations included), so
// a test loads only its rule; the LINT rules run in the whole engine, after the plan's findings met the
// suppressions.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupe } from '../../../../tooling/lint/findings.ts';
import { RuleContext } from '../../../../tooling/lint/plan/context.ts';
import { buildIndex } from '../../../../tooling/lint/plan/index.ts';
import type { Rule, Target } from '../../../../tooling/lint/rule.ts';
import type { Suppression } from '../../../../tooling/lint/suppressions.ts';
import type { Finding } from '../../../../tooling/lint/types.ts';
import { repoRoot } from '../../../../tooling/core/paths.ts';
import { fixture, fixtures } from '../plan-fixtures.ts';

export const HCL_FIXTURES = join(repoRoot, 'tests', 'fixtures', 'hcl');

/** The fixture plans' two regional stacks, and an address in both. */
export const P = 'module.region_primary';
export const S = 'module.region_secondary';
export const inBoth = (rest: string): string[] => [`${P}.${rest}`, `${S}.${rest}`];

export interface PlanInput {
  /** A fixture of tests/fixtures/plans (default: none, then `doc` is required). */
  fixture?: string;
  /** The plan document; gets a fresh copy of `fixture` when both are given. */
  doc?: (fixtureCopy: Record<string, any>) => unknown;
  suppressions?: Suppression[];
  /** YYYY-MM-DD for suppression expiry (default 2025-01-01). */
  today?: string;
}

export interface HclInput {
  /** The repository root to lint (default tests/fixtures/hcl). */
  root?: () => string;
  /** Directories under the root (default: modules/ and environments/). */
  paths?: string[];
}

type Input<T extends Target> = T extends 'hcl' ? HclInput : PlanInput;
type Passing<T extends Target> = string | (Input<T> & { label: string });
type Failing<T extends Target> = string[] | (Input<T> & { addresses: string[]; messages?: (string | RegExp)[] });

export interface RuleCases<T extends Target> {
  passes: Passing<T>[];
  fails: Record<string, Failing<T>>;
}

const PLAN_FIXTURES = readdirSync(fixtures).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

const planCache = new Map<string, Finding[]>();
async function planFindings(rule: Rule, input: PlanInput): Promise<Finding[]> {
  const cacheable = !input.doc && !input.suppressions && !input.today && input.fixture;
  if (cacheable && planCache.has(input.fixture!)) return planCache.get(input.fixture!)!;
  if (!input.fixture && !input.doc) throw new Error('a plan case needs a fixture or a doc');
  const base = input.fixture ? fixture(input.fixture) : {};
  const doc = input.doc ? input.doc(base) : base;
  let findings: Finding[];
  if (rule.target === 'plan') {
    const ctx = new RuleContext(buildIndex(doc));
    (rule as Rule<'plan'>).check(ctx);
    findings = dedupe(ctx.findings);
  } else {
    const { lintPlan } = await import('../../../../tooling/lint/engine.ts');
    findings = lintPlan(doc, {
      input: `${input.fixture ?? 'inline'}.json`,
      today: input.today ?? '2025-01-01',
      ...(input.suppressions ? { suppressions: input.suppressions, suppressionsFile: 'lint-suppressions.json' } : {}),
    }).findings;
  }
  if (cacheable) planCache.set(input.fixture!, findings);
  return findings;
}

async function hclFindings(rule: Rule, input: HclInput): Promise<Finding[]> {
  const { loadHcl } = await import('../../../../tooling/lint/hcl/context.ts');
  const ctx = await loadHcl(input.root?.() ?? HCL_FIXTURES, input.paths ?? []);
  (rule as Rule<'hcl'>).check(ctx);
  return ctx.findings;
}

const asPlanInput = (key: string, c: Passing<Target> | Failing<Target>): PlanInput =>
  typeof c === 'string' ? { fixture: c } : Array.isArray(c) ? { fixture: key } : (c as PlanInput);
const asHclInput = (key: string, c: Passing<Target> | Failing<Target>): HclInput => {
  const dir = typeof c === 'string' ? c : Array.isArray(c) ? key : undefined;
  if (dir === undefined) return c as HclInput;
  return dir === '.' ? {} : { paths: [dir] };
};

export function describeRule<T extends Target>(rule: Rule<T>, cases: RuleCases<T>): void {
  if (!cases.passes?.length) throw new Error(`${rule.id}: describeRule needs at least one passing case`);
  if (!cases.fails || !Object.keys(cases.fails).length) throw new Error(`${rule.id}: describeRule needs at least one failing case`);
  const hcl = rule.target === 'hcl';
  const run = async (key: string, c: Passing<Target> | Failing<Target>): Promise<Finding[]> => {
    const all = hcl ? await hclFindings(rule, asHclInput(key, c)) : await planFindings(rule, asPlanInput(key, c));
    return all.filter((f) => f.rule === rule.id);
  };

  describe(`${rule.id} ${rule.title}`, () => {
    for (const c of cases.passes) {
      const label = typeof c === 'string' ? c : c.label;
      it(`passes: ${label}`, async () => {
        expect((await run(label, c)).map((f) => `${f.address}: ${f.message}`)).toEqual([]);
      });
    }

    for (const [key, c] of Object.entries(cases.fails)) {
      const expected = Array.isArray(c) ? c : c.addresses;
      if (!expected.length) throw new Error(`${rule.id}: failing case ${key} lists no address`);
      it(`fails: ${key}`, async () => {
        const found = await run(key, c);
        expect(found.map((f) => f.address).sort()).toEqual([...expected].sort());
        for (const f of found) {
          expect(f.severity).toBe(rule.severity);
          // Every message ends in what to do about it, and a plan finding names its resource.
          expect(f.message).toMatch(/:\s.+/);
          if (!hcl && f.address !== '(plan)' && !f.address.startsWith('var.') && rule.target === 'plan') expect(f.message).toContain(f.address);
        }
        for (const m of Array.isArray(c) ? [] : c.messages ?? []) {
          expect(found.some((f) => (typeof m === 'string' ? f.message.includes(m) : m.test(f.message))), `a message matching ${m}`).toBe(true);
        }
      });
    }

    if (!hcl) {
      const others = PLAN_FIXTURES.filter((name) => !(name in cases.fails));
      it(`reports nothing on the other fixture plans (${others.join(', ')})`, async () => {
        for (const name of others) expect((await planFindings(rule, { fixture: name })).filter((f) => f.rule === rule.id).map((f) => `${name}: ${f.address}`)).toEqual([]);
      });
    }
  });
}
