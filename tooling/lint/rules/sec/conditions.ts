// What a policy condition's values name (SEC021, SEC022). A value known in the plan is compared as a
// string; a value unknown until apply (a role or key ARN) is followed through the policy document's
// configuration expression to the resources it references, so "the Deny exempts the API's role" is
// checked on the configuration even when no ARN exists yet.
import { getAll, type ConfigExpression, type Instance, type Obj } from '../../plan/index.ts';
import type { Statement } from '../../plan/policy.ts';
import type { RuleContext } from '../../plan/context.ts';
import { refList, resolveExpression } from '../../plan/references.ts';

export interface ConditionValues {
  /** Values known in the plan. */
  known: string[];
  /** How many values are unknown at plan time. */
  unknown: number;
  /** Instances of the asked types that the configuration of the unknown values references. */
  targets: Instance[];
  /** True when the unknown values were followed to the resources they name (false: a local, each.value, a literal input). */
  traced: boolean;
}

type Condition = Statement['conditions'][number];

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');

/** The document's configuration block of statement `s`: by sid, else by position when nothing is dynamic. */
function configStatement(s: Statement): Obj | undefined {
  const doc = s.source?.doc;
  const configured = doc?.config?.expressions?.statement;
  if (!doc || !Array.isArray(configured)) return undefined;
  const blocks = configured.filter((b): b is Obj => !!b && typeof b === 'object' && !Array.isArray(b));
  if (s.sid) {
    const bySid = blocks.find((b) => (b.sid as ConfigExpression | undefined)?.constant_value === s.sid);
    if (bySid) return bySid;
  }
  const planned = getAll(doc.values, ['statement']);
  return blocks.length === planned.length ? blocks[s.source!.index] : undefined;
}

/** The values of condition `c` of statement `s`, with what unknown ones reference among `types`. */
export function conditionValues(ctx: RuleContext, s: Statement, c: Condition, types: Set<string>): ConditionValues {
  if (!s.source) return { known: c.values, unknown: 0, targets: [], traced: true };
  const { doc, index } = s.source;
  // The planned condition block (values null where unknown) and its configuration expression.
  const planned = getAll(doc.values, ['statement'])[index];
  const sameCondition = (b: unknown) => !!b && typeof b === 'object' && !Array.isArray(b)
    && lower(unwrap((b as Obj).test)) === c.test.toLowerCase() && lower(unwrap((b as Obj).variable)) === c.variable.toLowerCase();
  const raw = getAll(planned, ['condition']).find(sameCondition) as Obj | undefined;
  const values = raw ? getAll(raw, ['values']) : c.values;
  const known = values.filter((v): v is string => typeof v === 'string');
  const unknown = values.length - known.length;
  if (unknown === 0) return { known, unknown, targets: [], traced: true };
  const config = getAll(configStatement(s), ['condition']).find(sameCondition) as Obj | undefined;
  const expr = config?.values as ConfigExpression | undefined;
  if (!expr || !Array.isArray(expr.references)) return { known, unknown, targets: [], traced: false };
  const targets = resolveExpression(ctx.index, doc, expr, types);
  // A value built from a local, an each.value or an input the caller sets literally leads to no resource.
  const opaque = refList(expr).some((r) => /^(local|each|var|count|path)\./.test(r));
  return { known, unknown, targets, traced: targets.length > 0 || !opaque };
}

/** A configuration attribute is `{constant_value}`; a planned one is the value itself. */
function unwrap(v: unknown): unknown {
  return v && typeof v === 'object' && !Array.isArray(v) && 'constant_value' in v ? (v as { constant_value: unknown }).constant_value : v;
}
