// A lifecycle scenario is data: a JSON file, checked here before anything runs. Every object is strict
// (an unknown field is an error), every value is range-checked, and every event must fall inside the
// scenario's duration. The first problem becomes one UserError naming the field, e.g.
// `events[2].at: 9000 is outside duration 5400`.
//
// Faults: region-outage / region-restore {region}, partition / heal, fence-fails {region} (calls into
// it from the peer fail), database-outage / database-restore {region}, health-flap {region, seconds},
// promotion-stuck, replication-lag {ms}, and arc-endpoints-down {count}: the first `count` of the ARC
// cluster's five endpoints (in the order clients try them) stop answering, from everywhere; 0 ends it.
// The one action is start-recovery {region, mode, approveAfter? | reject?, reason?}.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { UserError } from '../../core/errors.ts';
import { repoRoot } from '../../core/paths.ts';

export const SCENARIOS_DIR = join(repoRoot, 'tooling', 'drill', 'scenarios');
export const KNOWN_FAILURES_FILE = join(SCENARIOS_DIR, 'known-failures.json');

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const region = z.string().regex(REGION, 'must be an AWS region name such as us-east-1');
const at = z.number('must be a number of seconds').int('must be a whole number of seconds').min(0, 'must be 0 or more');

const FAULTS = ['region-outage', 'region-restore', 'partition', 'heal', 'fence-fails', 'database-outage', 'database-restore', 'health-flap', 'promotion-stuck', 'replication-lag', 'arc-endpoints-down', 'set-alarm-state'] as const;
export type FaultName = (typeof FAULTS)[number];

const faultSchemas = {
  'region-outage': z.strictObject({ at, fault: z.literal('region-outage'), region }),
  'region-restore': z.strictObject({ at, fault: z.literal('region-restore'), region }),
  partition: z.strictObject({ at, fault: z.literal('partition') }),
  heal: z.strictObject({ at, fault: z.literal('heal') }),
  'fence-fails': z.strictObject({ at, fault: z.literal('fence-fails'), region }),
  'database-outage': z.strictObject({ at, fault: z.literal('database-outage'), region }),
  'database-restore': z.strictObject({ at, fault: z.literal('database-restore'), region }),
  'health-flap': z.strictObject({ at, fault: z.literal('health-flap'), region, seconds: z.number('must be a number').int('must be whole seconds').min(1, 'must be at least 1') }),
  'promotion-stuck': z.strictObject({ at, fault: z.literal('promotion-stuck') }),
  'replication-lag': z.strictObject({ at, fault: z.literal('replication-lag'), ms: z.number('must be a number').int('must be whole milliseconds').min(0, 'must be 0 or more').max(86_400_000, 'must be at most 86400000 (a day)') }),
  // The first `count` ARC cluster endpoints (in the order clients try them) stop answering; 0 ends the fault.
  'arc-endpoints-down': z.strictObject({ at, fault: z.literal('arc-endpoints-down'), count: z.number('must be a number').int('must be a whole number').min(0, 'must be 0 or more').max(5, 'must be at most 5 (the cluster has five endpoints)') }),
  // Someone with cloudwatch:SetAlarmState puts the primary-unreachable alarm into ALARM without an outage:
  // EventBridge starts the secondary's failover with the trigger's constant input (automatic failover on).
  'set-alarm-state': z.strictObject({ at, fault: z.literal('set-alarm-state') }),
} satisfies Record<FaultName, z.ZodType>;

const actionSchema = z.strictObject({
  at,
  action: z.literal('start-recovery'),
  region,
  mode: z.enum(['switchover', 'failover'], 'must be "switchover" or "failover"'),
  approveAfter: z.number('must be a number of seconds').int('must be whole seconds').min(0, 'must be 0 or more').optional(),
  reject: z.literal(true, 'must be true when given').optional(),
  reason: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  // A data-loss failover while the old region is seen healthy must be forced, with a reason.
  force: z.literal(true, 'must be true when given').optional(),
  forceReason: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
});

export type FaultEvent = z.infer<(typeof faultSchemas)[FaultName]>;
export type ActionEvent = z.infer<typeof actionSchema>;
export type ScenarioEvent = FaultEvent | ActionEvent;

const headSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1-64 characters of a-z 0-9 -'),
  title: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  env: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must name an environment such as dev, staging or prod').optional(),
  duration: z.number('must be a number of seconds').int('must be whole seconds').min(60, 'must be at least 60').max(86_400, 'must be at most 86400 (a day)'),
  orders: z.strictObject({
    ratePerSecond: z.number('must be a number').gt(0, 'must be more than 0').max(50, 'must be at most 50'),
    maxAgeSeconds: z.number('must be a number of seconds').int('must be whole seconds').min(1, 'must be at least 1').max(86_400, 'must be at most 86400'),
  }),
  events: z.array(z.unknown(), 'must be a list of events'),
});

export interface Scenario {
  name: string;
  title: string;
  env?: string;
  duration: number;
  orders: { ratePerSecond: number; maxAgeSeconds: number };
  events: ScenarioEvent[];
  /** Where it was read from (for messages); not part of the format. */
  file?: string;
}

/** `['events', 2, 'at']` -> `events[2].at`. */
export function fieldPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function describe(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[], input: unknown): string {
  const where = fieldPath([...prefix, ...issue.path]);
  if (issue.code === 'unrecognized_keys') return `${where ? `${where}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  let value: unknown = input;
  for (const p of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[p] : undefined;
  if (value === undefined && issue.path.length > 0) return `${where}: is required`;
  return `${where || 'scenario'}: ${issue.message}`;
}

function check<T>(schema: z.ZodType<T>, value: unknown, prefix: readonly PropertyKey[]): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UserError(describe(parsed.error.issues[0]!, prefix, value));
}

/** Validates a parsed scenario document; `regions` (when known) limits the region names allowed. */
export function parseScenario(doc: unknown, regions?: readonly string[]): Scenario {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new UserError('scenario: must be a JSON object');
  const head = check(headSchema, doc, []);
  const events: ScenarioEvent[] = [];
  head.events.forEach((raw, i) => {
    const prefix = ['events', i];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UserError(`events[${i}]: must be an object`);
    const e = raw as Record<string, unknown>;
    let event: ScenarioEvent;
    if ('action' in e && 'fault' in e) throw new UserError(`events[${i}]: give either "fault" or "action", not both`);
    if ('action' in e) {
      if (e.action !== 'start-recovery') throw new UserError(`events[${i}].action: ${JSON.stringify(e.action)} is not an action; the only action is "start-recovery"`);
      const a = check(actionSchema, e, prefix);
      if (a.approveAfter !== undefined && a.reject) throw new UserError(`events[${i}]: give either "approveAfter" or "reject", not both`);
      if ((a.force === true) !== (a.forceReason !== undefined)) throw new UserError(`events[${i}]: "force" and "forceReason" go together: a forced failover says why`);
      event = a;
    } else if ('fault' in e) {
      const schema = (faultSchemas as Record<string, z.ZodType<FaultEvent>>)[String(e.fault)];
      if (!schema || typeof e.fault !== 'string') throw new UserError(`events[${i}].fault: ${JSON.stringify(e.fault)} is not a fault; use one of ${FAULTS.join(', ')}`);
      event = check(schema, e, prefix);
    } else {
      throw new UserError(`events[${i}]: needs a "fault" or an "action"`);
    }
    if (event.at > head.duration) throw new UserError(`events[${i}].at: ${event.at} is outside duration ${head.duration}`);
    events.push(event);
  });
  const scenario: Scenario = { name: head.name, title: head.title, ...(head.env !== undefined ? { env: head.env } : {}), duration: head.duration, orders: head.orders, events };
  if (regions) checkRegions(scenario, regions);
  return scenario;
}

/** Every region an event names is one of the pair (known once the env's figures are read). */
export function checkRegions(scenario: Scenario, regions: readonly string[]): void {
  scenario.events.forEach((event, i) => {
    if ('region' in event && !regions.includes(event.region)) {
      throw new UserError(`events[${i}].region: ${event.region} is not one of the pair (${regions.join(', ')})${scenario.file ? ` (scenario file ${scenario.file})` : ''}`);
    }
  });
}

/** The events in time order; events at the same second keep their order in the file. */
export function timeOrdered(events: readonly ScenarioEvent[]): ScenarioEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
}

/** Reads and validates a scenario file; every problem is one line that names the file and the field. */
export function loadScenarioFile(file: string, regions?: readonly string[]): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read scenario file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UserError(`scenario file ${file} is not JSON: ${(error as Error).message}`);
  }
  try {
    return { ...parseScenario(doc, regions), file };
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${error.message} (scenario file ${file})`);
    throw error;
  }
}

/** The shipped scenarios: every *.json under tooling/drill/scenarios/ except the known-failures list. */
export function shippedScenarioFiles(dir = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== basename(KNOWN_FAILURES_FILE))
    .sort()
    .map((f) => join(dir, f));
}
