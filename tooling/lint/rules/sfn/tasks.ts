// The Step Functions templates of the linted modules (`*.asl.json` beside a module's .tf files),
// rendered the way Terraform's templatefile() renders them (tooling/asl/template.ts, with its example
// values), and every Task checked against the AWS models (tooling/aws-models): the integration exists,
// its parameters are members of the input shape, the paths read from its result are members of the
// output shape, and its Retry/Catch names are errors it can raise. Computed once per run; each SFN rule
// reports one kind of problem.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { HclContext } from '../../hcl/context.ts';
import { exampleVariables, renderTemplate, templateVariables, type AslState } from '../../../asl/template.ts';
import { javaExceptionName, javaV1ExceptionName, sfnMemberName } from '../../../aws-models/naming.ts';
import { serviceErrorShapes } from '../../../aws-models/sdk-errors.ts';
import { serviceModel, sfnMembers, type ServiceModel, type Shape, type ShapeRef } from '../../../aws-models/sdk-models.ts';
import {
  optimisedErrorNames, optimisedOutputFields, resolveIntegration, sdkErrorNames, STATES_ERRORS, type Integration,
} from '../../../aws-models/step-functions.ts';

export type ProblemKind = 'resource' | 'parameter' | 'result' | 'error';

export interface TaskProblem {
  kind: ProblemKind;
  /** Repository-relative template file. */
  file: string;
  /** `States.<name>` (nested: `States.<map>.ItemProcessor.States.<name>`). */
  block: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------------
// Value types: what a JSONPath can reach. A model shape, a set of known fields, or something opaque
// (a function's payload, a Pass state's output) below which nothing is checked.

type ValueType =
  | { kind: 'shape'; model: ServiceModel; shape: Shape; label: string }
  | { kind: 'fields'; fields: Map<string, ValueType>; label: string }
  | { kind: 'opaque' };

const OPAQUE: ValueType = { kind: 'opaque' };
const ERROR_OUTPUT: ValueType = { kind: 'fields', label: 'the error output (Error, Cause)', fields: new Map([['Error', OPAQUE], ['Cause', OPAQUE]]) };

type Segment = { name: string } | { index: number } | { any: true };

/** `$.a.b[0]['c']` -> segments; null for a path this checker does not follow (filters, recursive descent). */
function parsePath(path: string): Segment[] | null {
  if (!path.startsWith('$')) return null;
  const out: Segment[] = [];
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']*)'\]|\[\*\]|\.\*/y;
  let i = 1;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return null;
    if (m[1] !== undefined) out.push({ name: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ name: m[3] });
    else out.push({ any: true });
    i = re.lastIndex;
  }
  return out;
}

const segText = (s: Segment) => ('name' in s ? `.${s.name}` : 'index' in s ? `[${s.index}]` : '[*]');

function typeOfRef(model: ServiceModel, ref: ShapeRef | undefined, label: string): ValueType {
  const shape = model.resolve(ref);
  return shape ? { kind: 'shape', model, shape, label } : OPAQUE;
}

/** Follows `segments` into `type`; the first segment that does not exist, with what it was looked up in. */
function walk(type: ValueType, segments: Segment[]): { ok: true; type: ValueType } | { ok: false; at: number; why: string } {
  let t = type;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (t.kind === 'opaque') return { ok: true, type: OPAQUE };
    if (t.kind === 'fields') {
      if (!('name' in seg)) return { ok: false, at: i, why: `${t.label} is an object, not a list` };
      const next = t.fields.get(seg.name);
      if (!next) return { ok: false, at: i, why: `${t.label} has no field ${seg.name} (it has ${[...t.fields.keys()].join(', ')})` };
      t = next;
      continue;
    }
    const { model, shape, label } = t;
    if (shape.type === 'structure') {
      if (!('name' in seg)) return { ok: false, at: i, why: `${label} is a structure, not a list` };
      const members = sfnMembers(shape);
      const m = members.get(seg.name);
      if (!m) {
        const raw = Object.keys(shape.members ?? {}).find((k) => k === seg.name || k.toLowerCase() === seg.name.toLowerCase());
        const hint = raw ? `; Step Functions names the member ${raw} as ${sfnMemberName(raw)}` : '';
        return { ok: false, at: i, why: `${label} has no member ${seg.name}${hint} (members: ${[...members.keys()].join(', ') || 'none'})` };
      }
      t = typeOfRef(model, m.ref, `${label}.${seg.name}`);
    } else if (shape.type === 'list') {
      if ('name' in seg) return { ok: false, at: i, why: `${label} is a list: index it ([0]) before reading ${seg.name}` };
      t = typeOfRef(model, shape.member, `${label}[]`);
    } else if (shape.type === 'map') {
      t = typeOfRef(model, shape.value, `${label}{}`);
    } else {
      return { ok: false, at: i, why: `${label} is a ${shape.type}, which has no ${segText(seg)}` };
    }
  }
  return { ok: true, type: t };
}

// ---------------------------------------------------------------------------------------------------
// JSONPaths a state reads.

const PATH_IN_TEXT = /(?<![\w$])\$(?!\$)(?:\.[A-Za-z_][\w-]*|\[\d+\]|\['[^']*'\]|\[\*\])*/g;
const CHOICE_PATH_KEYS = /^(Variable|\w+Path)$/;

/** Every `$...` path a value mentions: a `key.$` value, a path field, or intrinsic arguments. */
function pathsIn(value: unknown, out: string[], dynamic = false): void {
  if (typeof value === 'string') {
    if (dynamic) for (const m of value.matchAll(PATH_IN_TEXT)) out.push(m[0]);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) pathsIn(v, out, dynamic);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsIn(v, out, dynamic || k.endsWith('.$'));
  }
}

function choicePaths(rule: Record<string, unknown>, out: string[]): void {
  for (const [k, v] of Object.entries(rule)) {
    if (typeof v === 'string' && CHOICE_PATH_KEYS.test(k) && k !== 'Next') out.push(v);
    if (k === 'And' || k === 'Or') for (const r of (v as Record<string, unknown>[]) ?? []) choicePaths(r, out);
    if (k === 'Not' && v && typeof v === 'object') choicePaths(v as Record<string, unknown>, out);
  }
}

/** The paths a state reads from its input, with the field they came from. */
function readPaths(state: AslState): { path: string; field: string }[] {
  const out: { path: string; field: string }[] = [];
  const push = (field: string, paths: string[]) => {
    for (const p of paths) out.push({ path: p, field });
  };
  for (const f of ['InputPath', 'ItemsPath'] as const) if (typeof state[f] === 'string') push(f, [state[f] as string]);
  for (const f of ['Parameters', 'ItemSelector']) {
    const paths: string[] = [];
    pathsIn(state[f], paths);
    push(f, paths);
  }
  if (state.Type === 'Choice') {
    for (const rule of state.Choices ?? []) {
      const paths: string[] = [];
      choicePaths(rule, paths);
      push('Choices', paths);
    }
  }
  if (state.Type === 'Fail') for (const f of ['ErrorPath', 'CausePath'] as const) if (typeof state[f] === 'string') push(f, [state[f] as string]);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Checks.

interface Writer {
  state: string;
  type: ValueType | null; // null: a writer whose output this checker cannot know (it makes the path unchecked)
}

function integrationOutput(integration: Integration): ValueType {
  if (integration.kind === 'aws-sdk') {
    const { model, operation } = integration;
    return operation.output ? { kind: 'shape', model, shape: operation.output, label: `the ${operation.name} result` } : { kind: 'fields', fields: new Map(), label: `the ${operation.name} result` };
  }
  if (integration.resource.pattern !== 'request-response') return OPAQUE;
  const fields = new Map<string, ValueType>();
  for (const f of optimisedOutputFields(integration)) fields.set(f, OPAQUE);
  return { kind: 'fields', fields, label: `the ${integration.spec.id} result` };
}

/** Parameters of a static object against a structure shape (member names, required members, nested values). */
function checkParameters(value: Record<string, unknown>, model: ServiceModel, shape: Shape, label: string, problems: string[]): void {
  const members = sfnMembers(shape);
  const given = new Set<string>();
  for (const [rawKey, v] of Object.entries(value)) {
    const dynamic = rawKey.endsWith('.$');
    const key = dynamic ? rawKey.slice(0, -2) : rawKey;
    given.add(key);
    const m = members.get(key);
    if (!m) {
      const raw = Object.keys(shape.members ?? {}).find((k) => k.toLowerCase() === key.toLowerCase());
      problems.push(`${label} has no member ${key}${raw ? `; Step Functions names the member ${raw} as ${sfnMemberName(raw)}` : ''} (members: ${[...members.keys()].join(', ') || 'none'})`);
      continue;
    }
    if (!dynamic) checkValue(v, model, model.resolve(m.ref), `${label}.${key}`, problems);
  }
  for (const req of shape.required ?? []) {
    const name = sfnMemberName(req);
    if (!given.has(name)) problems.push(`${label} requires ${name}, which is missing`);
  }
}

function checkValue(value: unknown, model: ServiceModel, shape: Shape | null, label: string, problems: string[]): void {
  if (!shape || value === null) return;
  if (shape.type === 'structure') {
    if (value && typeof value === 'object' && !Array.isArray(value)) checkParameters(value as Record<string, unknown>, model, shape, label, problems);
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, model, model.resolve(shape.member), `${label}[${i}]`, problems));
  }
}

/** What a wrong error name most likely meant, from the service's modelled errors. */
function errorHint(name: string, prefix: string, shapes: ReadonlySet<string>): string {
  const rest = name.slice(prefix.length + 1);
  const want = rest.toLowerCase();
  const candidates = [...shapes].filter((s) => [javaExceptionName(s, prefix), `${s}Exception`, javaV1ExceptionName(s), s].some((n) => n.toLowerCase() === want));
  if (candidates.length) {
    const s = candidates[0]!;
    return `; the model's error ${s} is reported as ${prefix}.${javaExceptionName(s, prefix)}`;
  }
  return `; ${prefix} models no such error, and errors it does not model (throttling included) are reported as ${prefix}.${prefix}Exception`;
}

function checkErrors(state: AslState, integration: Integration | null, report: (kind: ProblemKind, message: string) => void): void {
  const names = [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((r) => r.ErrorEquals ?? []);
  for (const name of new Set(names)) {
    if (name.startsWith('States.')) {
      if (!STATES_ERRORS.has(name)) report('error', `ErrorEquals names ${name}, which is not an error Step Functions raises (see its error-handling page): use one of ${[...STATES_ERRORS].slice(0, 4).join(', ')} ...`);
      continue;
    }
    if (!integration) continue; // Map, Parallel, activities: their errors come from inside.
    if (integration.kind === 'aws-sdk') {
      const known = sdkErrorNames(integration.model);
      const prefix = integration.model.javaName;
      if (!known) {
        report('error', `ErrorEquals names ${name}, but no error model of ${integration.model.serviceId} is installed to check it against: add @aws-sdk/client-${integration.model.serviceId.toLowerCase().replace(/\s+/g, '-')} as an exact devDependency.`);
      } else if (!known.has(name)) {
        const shapes = serviceErrorShapes(integration.model.serviceId)!.shapes;
        const hint = name.startsWith(`${prefix}.`) ? errorHint(name, prefix, shapes) : `; an AWS SDK integration of ${integration.model.serviceId} reports ${prefix}.<Exception>`;
        report('error', `ErrorEquals names ${name}, which ${integration.resource.service}:${integration.resource.action} can never raise${hint}: use the name Step Functions reports (tooling/aws-models/README.md).`);
      }
      continue;
    }
    const servicePrefix = serviceModel(integration.spec.model.service)?.javaName ?? integration.spec.model.service;
    const known = optimisedErrorNames(integration.spec);
    if (name.includes('.') && name.split('.')[0]!.toLowerCase() === servicePrefix.toLowerCase()) {
      if (!known.has(name)) report('error', `ErrorEquals names ${name}, which ${integration.spec.id} does not report (documented: ${integration.spec.errors.join(', ') || 'none'}; ${integration.spec.doc}): use a documented name or States.TaskFailed.`);
    } else if (!integration.spec.customErrors && integration.resource.pattern !== 'wait-for-task-token') {
      report('error', `ErrorEquals names ${name}, but ${integration.spec.id} reports only States.* names and the documented ones (${integration.spec.doc}): use States.TaskFailed or a documented name.`);
    }
  }
}

/** Checks one states map (the top level, or a Map's item processor with `$` bound to an item). */
function checkScope(states: Record<string, AslState>, prefix: string, root: ValueType | null, report: (block: string, kind: ProblemKind, message: string) => void): void {
  const integrations = new Map<string, Integration | null>();
  const writers = new Map<string, Writer[]>();
  const addWriter = (path: string, w: Writer) => {
    const key = JSON.stringify(parsePath(path));
    if (!writers.has(key)) writers.set(key, []);
    writers.get(key)!.push(w);
  };
  if (root) addWriter('$', { state: '(item)', type: root });

  for (const [name, state] of Object.entries(states)) {
    const block = `${prefix}States.${name}`;
    let integration: Integration | null = null;
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      const r = resolveIntegration(state.Resource);
      if (r.ok === false) report(block, 'resource', `${state.Resource}: ${r.problem}: use an action of the AWS API model (tooling/aws-models/README.md).`);
      else if (r.ok) integration = r.integration;
    }
    integrations.set(name, integration);
    // What this state writes where.
    const resultPath = state.ResultPath;
    if (typeof resultPath === 'string' && resultPath !== '$') {
      let type: ValueType | null = null;
      if (integration) {
        const out = integrationOutput(integration);
        if (state.ResultSelector && typeof state.ResultSelector === 'object') {
          const fields = new Map<string, ValueType>();
          for (const [k, v] of Object.entries(state.ResultSelector as Record<string, unknown>)) {
            if (!k.endsWith('.$')) {
              fields.set(k, OPAQUE);
              continue;
            }
            const segs = typeof v === 'string' ? parsePath(v) : null;
            const reached = segs ? walk(out, segs) : null;
            fields.set(k.slice(0, -2), reached?.ok ? reached.type : OPAQUE);
          }
          type = { kind: 'fields', fields, label: `${name}'s ResultSelector` };
        } else type = out;
      }
      addWriter(resultPath, { state: name, type });
    }
    for (const c of state.Catch ?? []) if (typeof c.ResultPath === 'string' && c.ResultPath !== '$') addWriter(c.ResultPath, { state: `${name} (Catch)`, type: ERROR_OUTPUT });
  }

  for (const [name, state] of Object.entries(states)) {
    const block = `${prefix}States.${name}`;
    const integration = integrations.get(name) ?? null;
    const say = (kind: ProblemKind, message: string) => report(block, kind, message);

    if (integration) {
      // Parameters.
      const params = (state.Parameters ?? {}) as Record<string, unknown>;
      const problems: string[] = [];
      if (integration.kind === 'aws-sdk') {
        const input = integration.operation.input ?? { type: 'structure', members: {} };
        checkParameters(params, integration.model, input, `${integration.operation.name}'s input`, problems);
        for (const p of problems) say('parameter', `${integration.resource.service}:${integration.resource.action}: ${p}: use the member names of the ${integration.model.serviceId} model (${integration.model.file}) in Pascal case.`);
      } else {
        const { spec } = integration;
        const given = new Set(Object.keys(params).map((k) => (k.endsWith('.$') ? k.slice(0, -2) : k)));
        for (const k of given) if (!spec.parameters.includes(k)) say('parameter', `${spec.id} takes no parameter ${k} (documented: ${spec.parameters.join(', ')}; ${spec.doc}): remove it or use a documented parameter.`);
        for (const k of spec.required) if (!given.has(k)) say('parameter', `${spec.id} requires ${k}, which is missing (${spec.doc}): add it.`);
      }
      // ResultSelector paths into the result.
      if (state.ResultSelector && typeof state.ResultSelector === 'object') {
        const out = integrationOutput(integration);
        for (const [k, v] of Object.entries(state.ResultSelector as Record<string, unknown>)) {
          if (!k.endsWith('.$') || typeof v !== 'string') continue;
          const paths: string[] = [];
          pathsIn({ [k]: v }, paths);
          for (const p of paths) {
            const segs = parsePath(p);
            const r = segs ? walk(out, segs) : null;
            if (r && !r.ok) say('result', `ResultSelector ${k} reads ${p}, but ${r.why}: read a member of the ${integration.kind === 'aws-sdk' ? integration.operation.name : integration.spec.id} output as Step Functions names it.`);
          }
        }
      }
    }
    checkErrors(state, state.Type === 'Task' ? integration : null, say);

    // Paths this state reads from results that earlier tasks wrote.
    for (const { path, field } of readPaths(state)) {
      const segs = parsePath(path);
      if (!segs) continue;
      // The longest written prefix decides which writers' output the path reads.
      for (let n = segs.length; n >= 0; n--) {
        const ws = writers.get(JSON.stringify(segs.slice(0, n)));
        if (!ws) continue;
        if (ws.some((w) => w.type === null)) break;
        const rest = segs.slice(n);
        const results = ws.map((w) => ({ w, r: walk(w.type!, rest) }));
        if (!results.some((x) => x.r.ok)) {
          const first = results.find((x) => x.w.type !== ERROR_OUTPUT) ?? results[0]!;
          const why = first.r.ok ? '' : first.r.why;
          say('result', `${field} reads ${path}, written by ${ws.map((w) => w.state).join(' and ')}, but ${why}: read a member of that output as Step Functions names it.`);
        }
        break;
      }
    }

    // A Map whose items come from a modelled list: its item processor reads one item.
    if (state.Type === 'Map' && state.ItemProcessor && typeof state.ItemsPath === 'string') {
      const segs = parsePath(state.ItemsPath);
      let item: ValueType | null = null;
      if (segs && !state.ItemSelector && !state.Parameters) {
        for (let n = segs.length; n >= 0; n--) {
          const ws = writers.get(JSON.stringify(segs.slice(0, n)));
          if (!ws) continue;
          if (ws.length === 1 && ws[0]!.type) {
            const r = walk(ws[0]!.type, segs.slice(n));
            if (r.ok && r.type.kind === 'shape' && r.type.shape.type === 'list') item = typeOfRef(r.type.model, r.type.shape.member, `${r.type.label}[]`);
          }
          break;
        }
      }
      checkScope(state.ItemProcessor.States, `${block}.ItemProcessor.`, item, report);
    }
  }
}

export interface RenderedTemplate {
  file: string;
  states: Record<string, AslState> | null;
  /** Why it could not be rendered or parsed. */
  error?: string;
}

/** `*.asl.json` files in the linted module directories, rendered with the example values. */
export function templates(ctx: HclContext): RenderedTemplate[] {
  return ctx.memo(templates, () => {
    const out: RenderedTemplate[] = [];
    for (const unit of ctx.units) {
      if (unit.kind !== 'module') continue;
      for (const f of readdirSync(unit.dir).filter((n) => n.endsWith('.asl.json')).sort()) {
        const file = relative(ctx.root, join(unit.dir, f));
        const source = readFileSync(join(unit.dir, f), 'utf8');
        const vars = exampleVariables();
        const missing = templateVariables(source).filter((v) => !(v in vars));
        if (missing.length) {
          out.push({ file, states: null, error: `it interpolates ${missing.map((m) => `\${${m}}`).join(', ')}, which the example values of tooling/asl/template.ts (exampleVariables) do not define` });
          continue;
        }
        try {
          const def = JSON.parse(renderTemplate(source, vars)) as { States?: Record<string, AslState> };
          out.push({ file, states: def.States ?? {} });
        } catch (err) {
          out.push({ file, states: null, error: `it does not render to JSON (${(err as Error).message})` });
        }
      }
    }
    return out;
  });
}

/** Every problem of every template, once per run. */
export function taskProblems(ctx: HclContext): TaskProblem[] {
  return ctx.memo(taskProblems, () => {
    const out: TaskProblem[] = [];
    for (const t of templates(ctx)) {
      if (!t.states) {
        out.push({ kind: 'resource', file: t.file, block: '', message: `${t.file} cannot be checked: ${t.error}: make it render as Terraform renders it.` });
        continue;
      }
      checkDefinitionStates(t.states, (block, kind, message) => out.push({ kind, file: t.file, block, message }));
    }
    return out;
  });
}

/** Checks a definition's states (also used directly by the tests on the rendered template). */
export function checkDefinitionStates(states: Record<string, AslState>, report: (block: string, kind: ProblemKind, message: string) => void): void {
  checkScope(states, '', null, report);
}
