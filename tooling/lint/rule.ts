// A lint rule is one object: its metadata (what docs/rules.md and SARIF say) beside its check. Each rule
// lives in its own file, tooling/lint/rules/<family>/<ID>.ts, and is listed in its family's index.ts.
import type { HclContext } from './hcl/context.ts';
import type { RuleContext } from './plan/context.ts';
import type { SuppressionContext } from './suppressions.ts';
import type { RuleInfo } from './types.ts';

/** What a rule reads, and the context its check receives. */
export interface Contexts {
  /** a `terraform show -json` plan (plan-lint) */
  plan: RuleContext;
  /** the parsed modules/ and environments/ trees (hcl-lint) */
  hcl: HclContext;
  /** the suppressions file's entries after they were matched against the plan's findings (plan-lint) */
  suppressions: SuppressionContext;
}
export type Target = keyof Contexts;

export interface Rule<T extends Target = Target> extends RuleInfo {
  readonly target: T;
  /** Extra markdown under the rule in docs/rules.md (e.g. a table the check uses). */
  readonly notes?: readonly string[];
  /** Reports through `ctx.emit(<this rule>, address, message)`; the severity is the rule's own. */
  check(ctx: Contexts[T]): void;
}

export const RULE_ID = /^([A-Z]+)(\d{3})$/;

const rules = new WeakSet<object>();

/** Declares a rule. Refuses an ID that does not belong to the family and empty documentation. */
export function defineRule<T extends Target>(rule: Rule<T>): Rule<T> {
  const m = RULE_ID.exec(rule.id);
  if (!m || m[1] !== rule.family) throw new Error(`rule ${rule.id}: the ID must be the family ${rule.family} followed by three digits`);
  for (const field of ['title', 'checks', 'why', 'fix'] as const) {
    if (typeof rule[field] !== 'string' || rule[field].trim() === '') throw new Error(`rule ${rule.id} has no ${field}`);
  }
  rules.add(rule);
  return Object.freeze(rule);
}

/** True for objects made by defineRule (the registry test tells rule files from helpers with it). */
export function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && rules.has(value);
}

export interface Family {
  /** Upper-case ID, the rule ID prefix; the folder is its lower-case form. */
  readonly id: string;
  /** Section title in docs/rules.md. */
  readonly title: string;
  /** Which command runs the family (and lists its rules in SARIF). */
  readonly tool: 'plan-lint' | 'hcl-lint';
  /** SARIF tag next to the family ID. */
  readonly category: 'security' | 'reliability';
  readonly rules: readonly Rule[];
  /** Extra markdown after the family's rules in docs/rules.md. */
  readonly notes?: readonly string[];
}

/** Declares a family: its rules in ID order, each of this family. */
export function defineFamily(family: Family): Family {
  for (const r of family.rules) {
    if (r.family !== family.id) throw new Error(`rule ${r.id} is listed in family ${family.id} but declares family ${r.family}`);
  }
  const ids = family.rules.map((r) => r.id);
  if (ids.join() !== [...ids].sort().join()) throw new Error(`family ${family.id} lists its rules out of ID order: ${ids.join(', ')}`);
  return Object.freeze(family);
}
