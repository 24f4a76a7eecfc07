// One pass over a plan document: every resource instance with its values, region, module instance and
// configuration block, plus lookups by type and by known identifying values. Rules only read this index.
import { keySuffix, moduleSteps, splitAddress, stripKeys } from '../../terraform/address.ts';
import type { ConfigExpression, ConfigModule, ConfigResource, Json, ModuleCall, Obj, PlanDocument, StateModule, StateResource } from '../../terraform/plan-json.ts';
import { regionsByConfigAddress } from '../../terraform/plan-summary.ts';

export type { ConfigExpression, ConfigModule, ConfigResource, Json, ModuleCall, Obj } from '../../terraform/plan-json.ts';
export { keySuffix, splitAddress, stripKeys } from '../../terraform/address.ts';

export interface Instance {
  address: string;
  /** Module instance, '' for the root: `module.a["x"].module.b`. */
  module: string;
  /** Module path without instance keys, '' for the root: `module.a.module.b`. */
  modulePath: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Instance key (for_each string or count number), undefined when the resource has neither. */
  key: string | number | undefined;
  /** `module.a.aws_x.y` (no keys): the configuration block this instance comes from. */
  configAddress: string;
  /** Planned values; unknown values are absent here and marked in `unknown`. */
  values: Obj;
  unknown: Json;
  region: string | undefined;
  actions: string[];
  config: ConfigResource | undefined;
}

export interface PlanIndex {
  plan: PlanDocument & Record<string, unknown>;
  instances: Instance[];
  managed: Instance[];
  byAddress: Map<string, Instance>;
  byType: Map<string, Instance[]>;
  /** Instances of each configuration block (`module.a.aws_x.y` -> instances across module keys). */
  byConfig: Map<string, Instance[]>;
  configByAddress: Map<string, ConfigResource>;
  moduleCalls: Map<string, ModuleCall>;
  /** Known string values of identifying attributes -> instances (ids, ARNs, names). */
  byValue: Map<string, Instance[]>;
  /** Every module instance address that holds resources, with all its ancestors. */
  moduleInstances: Set<string>;
  regions: string[];
  variables: Record<string, Json>;
}

const IDENTIFYING = ['id', 'arn', 'bucket', 'name', 'function_name', 'url', 'key_id', 'identifier', 'cluster_identifier', 'global_cluster_identifier'];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function walkState(mod: StateModule | undefined, out: StateResource[]): void {
  if (!mod || typeof mod !== 'object') return;
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) if (r && typeof r === 'object') out.push(r);
  for (const c of Array.isArray(mod.child_modules) ? mod.child_modules : []) walkState(c, out);
}

export function buildIndex(doc: unknown): PlanIndex {
  const plan = doc as PlanDocument & Record<string, unknown>;
  const configByAddress = new Map<string, ConfigResource>();
  const moduleCalls = new Map<string, ModuleCall>();
  const walkConfig = (mod: ConfigModule | undefined, prefix: string, depth: number) => {
    if (!mod || typeof mod !== 'object' || depth > 32) return;
    for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
      if (r && typeof r.address === 'string') configByAddress.set(prefix + r.address, r);
    }
    const calls = mod.module_calls && typeof mod.module_calls === 'object' && !Array.isArray(mod.module_calls) ? mod.module_calls : {};
    for (const [name, call] of Object.entries(calls)) {
      if (!call || typeof call !== 'object') continue;
      const path = `${prefix}module.${name}`;
      moduleCalls.set(path, call);
      walkConfig(call?.module, `${path}.`, depth + 1);
    }
  };
  const configuration = plan.configuration as { root_module?: ConfigModule } | undefined;
  walkConfig(configuration?.root_module, '', 0);

  let regionOf = new Map<string, string>();
  try {
    regionOf = regionsByConfigAddress(plan);
  } catch {
    // Odd provider blocks in foreign plans: regions stay unknown, region-based rules skip.
  }

  const byAddress = new Map<string, Instance>();
  const add = (
    address: string,
    mode: 'managed' | 'data',
    type: string,
    name: string,
    values: Obj,
    unknown: Json,
    actions: string[],
  ) => {
    const { module, key } = splitAddress(address);
    const modulePath = stripKeys(module);
    const resource = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    const configAddress = modulePath ? `${modulePath}.${resource}` : resource;
    byAddress.set(address, {
      address,
      module,
      modulePath,
      mode,
      type,
      name,
      key,
      configAddress,
      values,
      unknown,
      region: regionOf.get(configAddress),
      actions,
      config: configByAddress.get(configAddress),
    });
  };

  // Data sources read while planning are only in prior_state; resource_changes (below) win where both exist.
  const prior: StateResource[] = [];
  walkState((plan.prior_state as { values?: { root_module?: StateModule } } | undefined)?.values?.root_module, prior);
  for (const r of prior) {
    if (r.mode === 'data' && typeof r.address === 'string') {
      add(r.address, 'data', r.type, r.name, (r.values ?? {}) as Obj, null, ['read']);
    }
  }

  const changes = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  if (changes.length > 0) {
    for (const rc of changes as unknown as Array<Record<string, unknown>>) {
      const change = rc.change as { actions: string[]; after?: Obj | null; after_unknown?: Json };
      // A resource that is only being destroyed is no part of the planned infrastructure.
      if (change.actions.length === 1 && change.actions[0] === 'delete') continue;
      const after = change.after && typeof change.after === 'object' && !Array.isArray(change.after) ? change.after : {};
      add(
        rc.address as string,
        rc.mode === 'data' ? 'data' : 'managed',
        rc.type as string,
        String(rc.name ?? ''),
        after,
        change.after_unknown ?? null,
        change.actions,
      );
    }
  } else {
    // Plans without resource_changes (nothing to change) still describe the infrastructure here.
    const planned: StateResource[] = [];
    walkState((plan.planned_values as { root_module?: StateModule } | undefined)?.root_module, planned);
    for (const r of planned) {
      if (typeof r.address !== 'string' || typeof r.type !== 'string') continue;
      add(r.address, r.mode === 'data' ? 'data' : 'managed', r.type, r.name, (r.values ?? {}) as Obj, null, ['no-op']);
    }
  }

  const instances = [...byAddress.values()];
  const managed = instances.filter((i) => i.mode === 'managed');
  const byType = new Map<string, Instance[]>();
  const byConfig = new Map<string, Instance[]>();
  const byValue = new Map<string, Instance[]>();
  const regionSet = new Set<string>();
  const moduleInstances = new Set<string>();
  for (const inst of instances) {
    if (inst.module && !moduleInstances.has(inst.module)) {
      const parts = moduleSteps(inst.module);
      for (let i = 1; i <= parts.length; i++) moduleInstances.add(parts.slice(0, i).join('.'));
    }
    push(byType, inst.mode === 'data' ? `data.${inst.type}` : inst.type, inst);
    push(byConfig, inst.configAddress, inst);
    if (inst.mode === 'managed' && inst.region) regionSet.add(inst.region);
    for (const field of IDENTIFYING) {
      const v = inst.values[field];
      if (typeof v === 'string' && v !== '') push(byValue, v, inst);
    }
  }
  const variables: Record<string, Json> = {};
  for (const [k, v] of Object.entries((plan.variables ?? {}) as Record<string, { value?: Json }>)) {
    variables[k] = v?.value ?? null;
  }
  return {
    plan,
    instances,
    managed,
    byAddress,
    byType,
    byConfig,
    configByAddress,
    moduleCalls,
    byValue,
    moduleInstances,
    regions: [...regionSet].sort(),
    variables,
  };
}

/** `values[path]` with list-valued nested blocks flattened: get(v, ['rule','destination','bucket']). */
export function getAll(values: Json | undefined, path: string[]): Json[] {
  let current: Json[] = values === undefined ? [] : [values];
  for (const step of path) {
    const next: Json[] = [];
    for (const c of current) {
      const items = Array.isArray(c) ? c : [c];
      for (const item of items) {
        if (item && typeof item === 'object' && !Array.isArray(item) && step in item) next.push(item[step]!);
      }
    }
    current = next;
  }
  return current.flatMap((c) => (Array.isArray(c) ? c : [c]));
}

/** First nested-block object at `path` (blocks are lists of objects in plan JSON). */
export function block(values: Json | undefined, path: string[]): Obj | undefined {
  const found = getAll(values, path).find((v) => v && typeof v === 'object' && !Array.isArray(v));
  return found as Obj | undefined;
}

export function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function regionOfArn(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-gov)?-[a-z]+-\d):/.exec(arn);
  return m?.[1];
}

export type AttrState = 'known' | 'null' | 'unknown' | 'absent';

/**
 * What the plan says about an attribute: known (a non-null value), null (set to null or empty),
 * unknown (computed at apply time), or absent (the plan does not mention it, e.g. partial foreign plans).
 */
export function attrState(inst: Instance, path: string[]): AttrState {
  if (getAll(inst.unknown, path).some((v) => v === true)) return 'unknown';
  const values = getAll(inst.values, path);
  if (values.some((v) => v !== null && v !== '' && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0))) return 'known';
  if (values.length > 0) return 'null';
  // A nested block list that exists but lacks the key still tells us the key is null.
  const parent = path.length > 1 ? getAll(inst.values, path.slice(0, -1)) : [inst.values as Json];
  return parent.some((p) => p && typeof p === 'object' && !Array.isArray(p) && path[path.length - 1]! in p) ? 'null' : 'absent';
}
