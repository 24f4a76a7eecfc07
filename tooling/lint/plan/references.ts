// Resolves what a resource attribute points at: by known value first (a literal bucket name, a known
// ARN), then through the configuration's expression `references`, following for_each/count keys,
// module inputs (var.x -> the caller's expression) and module outputs (module.m.out -> the output's
// references). Checkov and Trivy get split S3 resources wrong exactly here.
import { parentModule } from '../../terraform/address.ts';
import {
  attrState,
  getAll,
  keySuffix,
  splitAddress,
  stripKeys,
  type ConfigExpression,
  type Instance,
  type Json,
  type PlanIndex,
} from './index.ts';

/** The configuration expressions at `path` of an instance's block (nested blocks are lists). */
export function expressionsAt(inst: Instance, path: string[]): ConfigExpression[] {
  let current: unknown[] = inst.config?.expressions ? [inst.config.expressions] : [];
  for (const step of path) {
    const next: unknown[] = [];
    for (const c of current) {
      for (const item of Array.isArray(c) ? c : [c]) {
        if (item && typeof item === 'object' && step in (item as object)) next.push((item as Record<string, unknown>)[step]);
      }
    }
    current = next;
  }
  return current.flatMap((c) => (Array.isArray(c) ? c : [c])).filter((c): c is ConfigExpression => !!c && typeof c === 'object');
}

/** The string entries of an expression's `references` (anything else in a damaged plan is ignored). */
export function refList(expr: ConfigExpression | undefined | null): string[] {
  const refs = expr && typeof expr === 'object' ? expr.references : undefined;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

export function referencesAt(inst: Instance, path: string[]): string[] {
  return expressionsAt(inst, path).flatMap(refList);
}

const RESOURCE_REF = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(\[("(?:[^"\\]|\\.)*"|\d+)\])?/;
const MODULE_REF = /^module\.([A-Za-z_][A-Za-z0-9_-]*)(\[("(?:[^"\\]|\\.)*"|\d+)\])?\.([A-Za-z_][A-Za-z0-9_-]*)/;

interface Context {
  /** Module instance the expression is evaluated in ('' for root). */
  module: string;
  /** Instance key of the resource (or module instance) whose expression this is. */
  key: string | number | undefined;
}

// Per-index memo of what a var.* or module.* reference resolves to in one module instance: every
// resource of a module instance asks the same question, and the answer does not depend on the asker.
const memo = new WeakMap<PlanIndex, Map<string, Instance[]>>();
const childIndex = new WeakMap<PlanIndex, Map<string, string[]>>();

/** Child module instances of `parent` created by the call `name` (one per key, or the only one). */
function childInstances(index: PlanIndex, parent: string, name: string, key: string | number | undefined): string[] {
  const base = parent ? `${parent}.module.${name}` : `module.${name}`;
  if (key !== undefined) return [base + keySuffix(key)];
  let byBase = childIndex.get(index);
  if (!byBase) {
    byBase = new Map();
    for (const m of index.moduleInstances) {
      const unkeyed = m.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '');
      byBase.set(unkeyed, [...(byBase.get(unkeyed) ?? []), m]);
    }
    childIndex.set(index, byBase);
  }
  return byBase.get(base) ?? [base];
}

function memoized(index: PlanIndex, key: string, out: Map<string, Instance>, compute: (into: Map<string, Instance>) => void): void {
  let cache = memo.get(index);
  if (!cache) memo.set(index, (cache = new Map()));
  let hit = cache.get(key);
  if (!hit) {
    const into = new Map<string, Instance>();
    compute(into);
    hit = [...into.values()];
    cache.set(key, hit);
  }
  for (const i of hit) out.set(i.address, i);
}

/**
 * Instances of `types` (e.g. `aws_s3_bucket`, `data.aws_iam_policy_document`) that the references of
 * `inst` at `path` point to. Over-approximates when a reference is ambiguous; never guesses a key.
 */
export function resolveReferences(index: PlanIndex, inst: Instance, path: string[], types: Set<string>): Instance[] {
  const out = new Map<string, Instance>();
  const refs = referencesAt(inst, path);
  resolveRefList(index, refs, { module: inst.module, key: inst.key }, types, out, 0);
  return [...out.values()];
}

/** Instances of `types` that one configuration expression of `inst`'s block (e.g. a nested block's) references. */
export function resolveExpression(index: PlanIndex, inst: Instance, expr: ConfigExpression | undefined, types: Set<string>): Instance[] {
  const out = new Map<string, Instance>();
  resolveRefList(index, refList(expr), { module: inst.module, key: inst.key }, types, out, 0);
  return [...out.values()];
}

function resolveRefList(
  index: PlanIndex,
  refs: string[],
  ctx: Context,
  types: Set<string>,
  out: Map<string, Instance>,
  depth: number,
): void {
  if (depth > 8) return;
  const dynamicKey = refs.some((r) => r === 'each.key' || r === 'each.value' || r.startsWith('each.') || r === 'count.index');
  // Terraform lists `a.b[0].c`, `a.b[0]` and `a.b`: resolve only the most specific form of each.
  const seen = new Set<string>();
  for (const ref of refs) {
    const rm = RESOURCE_REF.exec(ref);
    if (rm && !ref.startsWith('module.') && !ref.startsWith('var.') && !ref.startsWith('local.')) {
      const typeKey = `${rm[1] ?? ''}${rm[2]}`;
      const base = `${rm[1] ?? ''}${rm[2]}.${rm[3]}`;
      if (!types.has(typeKey)) continue;
      const explicitKey = rm[5] !== undefined ? (rm[5].startsWith('"') ? (JSON.parse(rm[5]) as string) : Number(rm[5])) : undefined;
      if (explicitKey === undefined && refs.some((r) => r.startsWith(`${base}[`))) continue;
      const dedupe = `${base}${keySuffix(explicitKey)}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const prefix = ctx.module ? `${ctx.module}.` : '';
      const configAddress = `${stripKeys(ctx.module) ? `${stripKeys(ctx.module)}.` : ''}${base}`;
      const candidates = (index.byConfig.get(configAddress) ?? []).filter((c) => c.module === ctx.module);
      if (explicitKey !== undefined) {
        const hit = index.byAddress.get(`${prefix}${base}${keySuffix(explicitKey)}`);
        if (hit) out.set(hit.address, hit);
        continue;
      }
      if (dynamicKey && ctx.key !== undefined) {
        const same = candidates.find((c) => c.key === ctx.key);
        if (same) {
          out.set(same.address, same);
          continue;
        }
      }
      for (const c of candidates) out.set(c.address, c);
      continue;
    }
    const mm = MODULE_REF.exec(ref);
    if (mm) {
      const name = mm[1]!;
      const key = mm[3] !== undefined ? (mm[3].startsWith('"') ? (JSON.parse(mm[3]) as string) : Number(mm[3])) : undefined;
      const output = mm[4]!;
      const dedupe = `module.${name}${keySuffix(key)}.${output}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const callPath = `${stripKeys(ctx.module) ? `${stripKeys(ctx.module)}.` : ''}module.${name}`;
      const call = index.moduleCalls.get(callPath);
      const expr = call?.module?.outputs?.[output]?.expression;
      const childRefs = refList(expr);
      memoized(index, `${ctx.module}|${dedupe}|${[...types].join(',')}`, out, (into) => {
        for (const child of childInstances(index, ctx.module, name, key)) {
          resolveRefList(index, childRefs, { module: child, key: undefined }, types, into, depth + 1);
        }
      });
      continue;
    }
    if (ref.startsWith('var.')) {
      const name = ref.slice(4).split(/[.[]/)[0]!;
      const dedupe = `var.${name}`;
      if (seen.has(dedupe) || !ctx.module) continue;
      seen.add(dedupe);
      const call = index.moduleCalls.get(stripKeys(ctx.module));
      const expr = call?.expressions?.[name];
      const parentRefs = refList(expr);
      // The module instance's own key stands in for each.key in the caller's expression.
      const lastKey = /\[("(?:[^"\\]|\\.)*"|\d+)\]$/.exec(ctx.module);
      const moduleKey = lastKey ? (lastKey[1]!.startsWith('"') ? (JSON.parse(lastKey[1]!) as string) : Number(lastKey[1])) : undefined;
      const parent = parentModule(ctx.module);
      memoized(index, `${ctx.module}|${dedupe}|${[...types].join(',')}`, out, (into) => {
        resolveRefList(index, parentRefs, { module: parent, key: moduleKey }, types, into, depth + 1);
      });
    }
  }
}

/**
 * What `inst`'s attribute at `path` points to among `types`. A known value is matched against the
 * identifying attributes of those types (preferring the same region, since names repeat per region);
 * a value unknown until apply is followed through references; a value known to be null points nowhere.
 */
export function targetsOf(index: PlanIndex, inst: Instance, path: string[], types: Set<string>): Instance[] {
  const state = attrState(inst, path);
  if (state === 'null') return [];
  if (state === 'known') {
    const known = getAll(inst.values, path).filter((v): v is string => typeof v === 'string' && v !== '');
    const out = new Map<string, Instance>();
    for (const v of known) {
      for (const candidate of matchValue(index, v, types)) out.set(candidate.address, candidate);
    }
    if (out.size > 0) {
      const all = [...out.values()];
      const local = inst.region ? all.filter((c) => c.region === inst.region) : [];
      return local.length ? local : all;
    }
  }
  return resolveReferences(index, inst, path, types);
}

/**
 * True when the attribute is set: a known non-empty value, or unknown because the configuration sets
 * it from something computed. An unknown value the configuration never sets is the provider's computed
 * default (e.g. kms_key_id left out), which is not set.
 */
export function isSet(inst: Instance, path: string[]): boolean {
  const state = attrState(inst, path);
  if (state === 'known') return true;
  if (state === 'unknown') return !inst.config || expressionsAt(inst, path).length > 0;
  return false;
}

function matchValue(index: PlanIndex, value: string, types: Set<string>): Instance[] {
  const typeOk = (i: Instance) => types.has(i.mode === 'data' ? `data.${i.type}` : i.type);
  const direct = (index.byValue.get(value) ?? []).filter(typeOk);
  if (direct.length) return direct;
  // An S3 ARN names the bucket; an ARN with a resource path (…:function:name) names the function.
  const s3 = /^arn:aws[a-z-]*:s3:::([^/]+)$/.exec(value);
  if (s3) return (index.byValue.get(s3[1]!) ?? []).filter(typeOk);
  return [];
}

export function typeSet(...types: string[]): Set<string> {
  return new Set(types);
}

export type { Json };
