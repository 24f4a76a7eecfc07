// The failover state machine's ASL template (modules/failover-orchestrator/state-machine.asl.json),
// rendered exactly as Terraform's templatefile() renders it for the interpolations the template uses,
// so tests and the drill run the definition Terraform deploys. Only `${name}` interpolations are
// supported; anything else templatefile() would evaluate (expressions, %{ } directives, ~ strip
// markers) is refused with a clear error instead of being rendered differently.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';

export const STATE_MACHINE_TEMPLATE = join(repoRoot, 'modules', 'failover-orchestrator', 'state-machine.asl.json');

export type TemplateValue = string | number | boolean;
export type TemplateVars = Record<string, TemplateValue>;

export class TemplateError extends UserError {
  override name = 'TemplateError';
}

type Piece = { literal: string } | { name: string; at: number };

/** Splits a template into literals and `${name}` references (templatefile's escapes applied). */
function scan(source: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  const lineOf = (at: number) => source.slice(0, at).split('\n').length;
  while (i < source.length) {
    if (source.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (source.startsWith('%%{', i)) {
      literal += '%{';
      i += 3;
    } else if (source.startsWith('%{', i)) {
      throw new TemplateError(`line ${lineOf(i)}: template directives (%{ ... }) are not supported by this renderer; keep the template to \${name} interpolations.`);
    } else if (source.startsWith('${', i)) {
      const end = source.indexOf('}', i + 2);
      if (end < 0) throw new TemplateError(`line ${lineOf(i)}: unterminated interpolation \${...`);
      const expr = source.slice(i + 2, end);
      const name = expr.trim();
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
        throw new TemplateError(`line ${lineOf(i)}: \${${expr}} is not a plain variable reference; only \${name} interpolations are supported.`);
      }
      if (literal) pieces.push({ literal });
      literal = '';
      pieces.push({ name, at: i });
      i = end + 1;
    } else {
      literal += source[i];
      i += 1;
    }
  }
  if (literal) pieces.push({ literal });
  return pieces;
}

/** Terraform's string conversion of a primitive: numbers in plain decimal, bools as true/false. */
function stringify(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TemplateError(`variable "${name}" is not a finite number.`);
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (value === null || value === undefined) throw new TemplateError(`Invalid template interpolation value: the value of "${name}" is null.`);
  throw new TemplateError(`Invalid template interpolation value: "${name}" is a ${Array.isArray(value) ? 'list' : typeof value}; only strings, numbers and bools can be interpolated.`);
}

/** The variable names a template references, in first-use order. */
export function templateVariables(source: string): string[] {
  const names: string[] = [];
  for (const p of scan(source)) if ('name' in p && !names.includes(p.name)) names.push(p.name);
  return names;
}

/** templatefile(path, vars) for `${name}` templates: a missing key is an error, extra keys are ignored. */
export function renderTemplate(source: string, vars: Record<string, unknown>): string {
  let out = '';
  for (const p of scan(source)) {
    if ('literal' in p) {
      out += p.literal;
      continue;
    }
    if (!Object.hasOwn(vars, p.name)) {
      throw new TemplateError(`Invalid value for "vars" parameter: vars map does not contain key "${p.name}", referenced at line ${source.slice(0, p.at).split('\n').length}.`);
    }
    out += stringify(p.name, vars[p.name]);
  }
  return out;
}

export function readStateMachineTemplate(path = STATE_MACHINE_TEMPLATE): string {
  return readFileSync(path, 'utf8');
}

export interface AslDefinition {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
  [key: string]: unknown;
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: Record<string, unknown>[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  Retry?: { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number }[];
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Seconds?: number;
  TimeoutSeconds?: number;
  ItemProcessor?: { StartAt: string; States: Record<string, AslState> };
  [key: string]: unknown;
}

/** Renders the module's template with `vars` and parses it; a rendering that is not JSON is an error. */
export function renderStateMachine(vars: TemplateVars, path = STATE_MACHINE_TEMPLATE): AslDefinition {
  const text = renderTemplate(readStateMachineTemplate(path), vars);
  try {
    return JSON.parse(text) as AslDefinition;
  } catch (error) {
    throw new TemplateError(`The rendered state machine is not JSON (${(error as Error).message}); check the template's quoting around interpolations.`);
  }
}

export interface AslValidation {
  isValid: boolean;
  errors: { path?: string; message?: string; [key: string]: unknown }[];
}

type AslValidator = (definition: unknown, options?: { checkArn?: boolean; checkPaths?: boolean }) => AslValidation;

// asl-validator ships CommonJS without typings.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

/** asl-validator with ARN and path checks; it annotates its input, so it gets a copy. */
export function validateDefinition(definition: unknown): AslValidation {
  return aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
}

/**
 * Values for rendering the template outside Terraform (tests and the drill): the dev environment's
 * secondary region as the target, in AWS's documentation account 111122223333. They are never
 * deployed; Terraform renders the real values from the regional stacks.
 */
export function exampleVariables(overrides: Partial<Record<string, TemplateValue>> = {}): TemplateVars {
  const vars: TemplateVars = {
    region: 'us-east-2',
    peer_region: 'us-east-1',
    environment: 'dev',
    global_cluster_id: 'trading-dev',
    target_cluster_arn: 'arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2',
    target_cluster_id: 'trading-dev-us-east-2',
    serving_parameter_name: '/trading/dev/us-east-2/serving',
    rest_api_id: 'b2c3d4e5f6',
    stage_name: 'v1',
    peer_rest_api_id: 'a1b2c3d4e5',
    peer_stage_name: 'v1',
    health_settle_seconds: 40,
    lease_wait_seconds: 160,
    validator_function_arn: 'arn:aws:lambda:us-east-2:111122223333:function:trading-dev-failover-validator',
    fence_function_arn: 'arn:aws:lambda:us-east-2:111122223333:function:trading-dev-region-fence',
    probe_function_arn: 'arn:aws:lambda:us-east-2:111122223333:function:trading-dev-primary-probe',
    peer_serving_parameter_name: '/trading/dev/us-east-1/serving',
    peer_queue_url: 'https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders',
    peer_cluster_arn: 'arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1',
    topic_arn: 'arn:aws:sns:us-east-2:111122223333:trading-dev-operations',
    approval_queue_url: 'https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-failover-approvals',
    require_approval: false,
    approval_timeout_seconds: 1800,
    poll_interval_seconds: 20,
    max_poll_attempts: 45,
    execution_timeout_seconds: 3240,
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) vars[k] = v;
  return vars;
}

/** Every state a state can move to: Next, Choice rules and Default, and Catch targets. */
export function successors(state: AslState): string[] {
  const out: string[] = [];
  if (state.Next) out.push(state.Next);
  if (state.Default) out.push(state.Default);
  for (const rule of state.Choices ?? []) if (typeof rule.Next === 'string') out.push(rule.Next);
  for (const c of state.Catch ?? []) out.push(c.Next);
  return [...new Set(out)];
}

/** The cycles of a state graph: strongly connected components with a loop (Tarjan). */
export function cycles(states: Record<string, AslState>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of successors(states[v]!)) {
      if (!states[w]) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || successors(states[v]!).includes(v)) out.push(component.reverse());
    }
  };
  for (const name of Object.keys(states)) if (!index.has(name)) visit(name);
  return out;
}

/**
 * Why a cycle could run forever, or [] when it is bounded: a bounded cycle passes through a Choice
 * that leaves the cycle once a counter reaches a constant (NumericGreaterThanEquals/GreaterThan), and
 * a Pass inside the cycle increments exactly that counter with States.MathAdd(<counter>, 1).
 */
export function unboundedReasons(states: Record<string, AslState>, cycle: string[]): string[] {
  const members = new Set(cycle);
  const bounds: { choice: string; path: string; limit: number }[] = [];
  const walk = (choice: string, rule: Record<string, unknown>, next: string | undefined) => {
    const target = typeof rule.Next === 'string' ? rule.Next : next;
    for (const op of ['NumericGreaterThanEquals', 'NumericGreaterThan']) {
      if (typeof rule[op] === 'number' && typeof rule.Variable === 'string' && target && !members.has(target)) {
        bounds.push({ choice, path: rule.Variable, limit: rule[op] as number });
      }
    }
  };
  for (const name of cycle) {
    const s = states[name]!;
    if (s.Type === 'Choice') for (const rule of s.Choices ?? []) walk(name, rule, undefined);
  }
  if (!bounds.length) return [`cycle ${cycle.join(' -> ')} has no Choice that leaves it when a counter reaches a limit`];
  const increments = new Set<string>();
  for (const name of cycle) {
    const s = states[name]!;
    if (s.Type !== 'Pass' || !s.Parameters) continue;
    const base = typeof s.ResultPath === 'string' ? s.ResultPath : '$';
    for (const [key, value] of Object.entries(s.Parameters)) {
      const m = typeof value === 'string' ? /^States\.MathAdd\(\s*(\$[^,\s]*)\s*,\s*1\s*\)$/.exec(value) : null;
      const field = key.endsWith('.$') ? key.slice(0, -2) : key;
      if (m && m[1] === `${base}.${field}`) increments.add(m[1]);
    }
  }
  if (bounds.some((b) => increments.has(b.path))) return [];
  return [`cycle ${cycle.join(' -> ')} checks ${bounds.map((b) => b.path).join(', ')} but no Pass in it increments that counter with States.MathAdd(<counter>, 1)`];
}
