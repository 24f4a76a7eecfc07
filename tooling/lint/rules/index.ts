// The rule registry: every family, in the order docs/rules.md and SARIF list them. A new family is a
// folder rules/<family>/ with an index.ts, and one line here.
import type { Family, Rule, Target } from '../rule.ts';
import { API } from './api/index.ts';
import { DR } from './dr/index.ts';
import { HCL } from './hcl/index.ts';
import { LINT } from './lint/index.ts';
import { OPS } from './ops/index.ts';
import { SEC } from './sec/index.ts';
import { SFN } from './sfn/index.ts';

export const FAMILIES: readonly Family[] = [DR, SEC, OPS, API, LINT, HCL, SFN];

export const RULES: readonly Rule[] = FAMILIES.flatMap((f) => f.rules);

const byId = new Map(RULES.map((r) => [r.id, r]));
if (byId.size !== RULES.length) throw new Error('two rules share an ID');

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** The rules that read `target` (a plan, the HCL tree, the suppressions), in registry order. */
export function rulesFor<T extends Target>(target: T): Rule<T>[] {
  return RULES.filter((r): r is Rule<T> => r.target === target);
}

/** The families a command runs (and lists in its SARIF output). */
export function familiesOf(tool: Family['tool']): Family[] {
  return FAMILIES.filter((f) => f.tool === tool);
}
