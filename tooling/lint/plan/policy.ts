// IAM policy statements from a plan: a known JSON string, or the aws_iam_policy_document data source
// the policy expression references (its statements are known at plan time even when its JSON is not).
import { getAll, type Instance, type Json, type Obj, type PlanIndex } from './index.ts';
import { resolveReferences, typeSet } from './references.ts';

export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: boolean;
  /** null entries are values unknown at plan time (never treated as "*"). */
  resources: (string | null)[];
  conditions: { test: string; variable: string; values: string[] }[];
  /** AWS principals of a resource policy ("*" for anyone); services and federated principals left out. */
  principals: string[];
  sid?: string;
  /** The aws_iam_policy_document the statement comes from, and its position in the document's statements. */
  source?: { doc: Instance; index: number };
}

function awsPrincipals(p: unknown): string[] {
  if (p === '*') return ['*'];
  if (!p || typeof p !== 'object') return [];
  const aws = (p as Record<string, unknown>).AWS;
  return list(aws).map(String);
}

export type PolicyLookup = { statements: Statement[]; source: 'json' | 'document' } | { statements: null; reason: string };

const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function fromJson(text: string): Statement[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const out: Statement[] = [];
  for (const s of list((doc as Record<string, unknown>).Statement)) {
    if (!s || typeof s !== 'object') continue;
    const st = s as Record<string, unknown>;
    const conditions: Statement['conditions'] = [];
    for (const [test, vars] of Object.entries((st.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [variable, values] of Object.entries(vars ?? {})) {
        conditions.push({ test, variable, values: list(values).map(String) });
      }
    }
    out.push({
      effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(st.Action ?? st.NotAction).map(String),
      notActions: st.NotAction !== undefined,
      resources: list(st.Resource ?? st.NotResource).map(String),
      conditions,
      principals: awsPrincipals(st.Principal),
      ...(typeof st.Sid === 'string' && st.Sid ? { sid: st.Sid } : {}),
    });
  }
  return out;
}

function fromDocument(values: Obj): Statement[] {
  const out: Statement[] = [];
  for (const s of getAll(values, ['statement'])) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) continue;
    const st = s as Obj;
    const notActions = list(st.not_actions).length > 0;
    out.push({
      effect: st.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(notActions ? st.not_actions : st.actions).map((a) => String(a)),
      notActions,
      resources: list(st.resources ?? st.not_resources).map((r) => (typeof r === 'string' ? r : null)),
      conditions: getAll(st, ['condition']).map((c) => {
        const co = (c ?? {}) as Obj;
        return { test: String(co.test ?? ''), variable: String(co.variable ?? ''), values: list(co.values).map(String) };
      }),
      principals: getAll(st, ['principals']).flatMap((p) => {
        const po = (p ?? {}) as Obj;
        return po.type === 'AWS' || po.type === '*' ? list(po.identifiers).map(String) : [];
      }),
      ...(typeof st.sid === 'string' && st.sid ? { sid: st.sid } : {}),
    });
  }
  return out;
}

const DOC_TYPES = typeSet('data.aws_iam_policy_document');

/** Statements of `inst`'s policy attribute (default `policy`), or why they are not knowable. */
export function policyStatements(index: PlanIndex, inst: Instance, attr: string[] = ['policy']): PolicyLookup {
  const known = getAll(inst.values, attr).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (known.length) {
    const statements = known.flatMap((t) => fromJson(t) ?? []);
    return { statements, source: 'json' };
  }
  const docs = resolveReferences(index, inst, attr, DOC_TYPES);
  if (docs.length) {
    const parsed = docs.map((d) => {
      const json = d.values.json;
      const statements = typeof json === 'string' && json ? fromJson(json) ?? fromDocument(d.values) : fromDocument(d.values);
      // The rendered JSON keeps the document's statement order.
      return statements.map((st, index) => ({ ...st, source: { doc: d, index } }));
    });
    return { statements: parsed.flat(), source: 'document' };
  }
  return { statements: null, reason: 'its JSON is unknown at plan time and references no aws_iam_policy_document' };
}

export type { Json };
