// The recovery-time budget, computed from the plan (modules/failover-orchestrator/README.md, "Recovery
// objectives"); documented figures come from tooling/rto/figures.ts:
//   detection     = health-check request_interval x failure_threshold (the PRIMARY record's check),
//                   or the primary probe's alarm delay when automatic failover is on and it is longer
//   orchestration = fixed Wait states (the wait before validation among them) + the approval bound
//                   (when there is an approval step) + the authority change (ARC routing controls)
//                   + one poll interval (the loop sees the new writer up to one interval late)
//   promotion     = the documented Aurora promotion time (below)
//   dns           = the PRIMARY record's TTL, or ALIAS_DNS_SECONDS for an alias record, plus the
//                   SECONDARY record's health check turning healthy (interval x threshold)
// The poll bound (interval x attempts) and the execution timeout are ceilings, checked separately.
// Computed once per run; the rules DR017-DR020 (tooling/lint/rules/dr/) report on the result.
import { block, getAll, str, type Instance, type Json, type Obj } from '../lint/plan/index.ts';
import { refList, targetsOf, typeSet } from '../lint/plan/references.ts';
import { PLAN_ADDRESS, type RuleContext } from '../lint/plan/context.ts';
import type { Budget } from '../lint/types.ts';
import { RTO_FIGURES } from './figures.ts';

/** Alias answers are cached for the target's TTL (rto-figures.json dns_alias_ttl). */
export const ALIAS_DNS_SECONDS = RTO_FIGURES.dns_alias_ttl.seconds;

/** The documented Aurora promotion time (rto-figures.json promotion). */
export const PROMOTION_SECONDS = RTO_FIGURES.promotion.seconds;

/** Figures used when the plan carries neither a known definition nor rto_parameters. */
export const DEFAULT_RTO_PARAMETERS = {
  health_check_interval: 30, // Route 53 default request_interval
  failure_threshold: 3, // Route 53 default failure_threshold
  poll_interval_seconds: 30,
  max_poll_attempts: 20,
  approval_timeout_seconds: 0,
  // The token-free notice before the approval wait (NotifyApprovers); 0 for plans that predate it.
  approval_notice_seconds: 0,
  execution_timeout_seconds: 3600,
  promotion_seconds_documented: PROMOTION_SECONDS,
  authority_change_seconds: RTO_FIGURES.authority_change.seconds,
  // The wait before validation, for when the definition is unknown; when rto_parameters leaves it out
  // it is computed as the orchestrator does: health_check_interval x failure_threshold + 10 s.
  health_settle_seconds: 30 * 3 + 10,
  // The wait of a failover that could not fence the old region (its serving flag's lease + 10 s); 0
  // for plans that predate it.
  lease_wait_seconds: 0,
} as const;

export type RtoParameters = { -readonly [K in keyof typeof DEFAULT_RTO_PARAMETERS]: number };
const KEYS = Object.keys(DEFAULT_RTO_PARAMETERS) as (keyof RtoParameters)[];

export interface AslFigures {
  fixedWaitSeconds: number;
  pollIntervalSeconds: number;
  maxPollAttempts: number | null;
  approvalTimeoutSeconds: number;
  executionTimeoutSeconds: number | null;
  notes: string[];
}

type AslState = Record<string, unknown>;

/** Reads waits, the poll loop and timeouts from an ASL definition (JSONPath or JSONata). */
export function aslFigures(definition: string): AslFigures | null {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(definition) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object' || typeof doc.States !== 'object') return null;
  const figures: AslFigures = {
    fixedWaitSeconds: 0,
    pollIntervalSeconds: 0,
    maxPollAttempts: null,
    approvalTimeoutSeconds: 0,
    executionTimeoutSeconds: typeof doc.TimeoutSeconds === 'number' ? doc.TimeoutSeconds : null,
    notes: [],
  };
  const visit = (machine: Record<string, unknown>) => {
    const states = (machine.States ?? {}) as Record<string, AslState>;
    const next = (s: AslState): string[] => {
      const out: string[] = [];
      if (typeof s.Next === 'string') out.push(s.Next);
      if (typeof s.Default === 'string') out.push(s.Default);
      for (const c of (s.Choices as AslState[] | undefined) ?? []) if (typeof c.Next === 'string') out.push(c.Next);
      for (const c of (s.Catch as AslState[] | undefined) ?? []) if (typeof c.Next === 'string') out.push(c.Next);
      return out;
    };
    const onCycle = (start: string): boolean => {
      const seen = new Set<string>();
      const stack = [...next(states[start] ?? {})];
      while (stack.length) {
        const n = stack.pop()!;
        if (n === start) return true;
        if (seen.has(n) || !states[n]) continue;
        seen.add(n);
        stack.push(...next(states[n]!));
      }
      return false;
    };
    for (const [name, s] of Object.entries(states)) {
      const cyclic = onCycle(name);
      if (s.Type === 'Wait') {
        const seconds = typeof s.Seconds === 'number' ? s.Seconds : null;
        if (seconds === null) figures.notes.push(`Wait state ${name} takes its duration from input; counted as 0 s.`);
        if (cyclic) figures.pollIntervalSeconds = Math.max(figures.pollIntervalSeconds, seconds ?? 0);
        else figures.fixedWaitSeconds += seconds ?? 0;
      }
      if (s.Type === 'Choice' && cyclic) {
        const limit = numericLimit(s.Choices);
        if (limit !== null) figures.maxPollAttempts = Math.max(figures.maxPollAttempts ?? 0, limit);
      }
      if (s.Type === 'Task' && typeof s.Resource === 'string' && s.Resource.includes('waitForTaskToken')) {
        // A task that only leads into the wait (the approval notice) is part of the approval bound.
        const notice = Math.max(0, ...Object.values(states).filter((p) => p.Type === 'Task' && p.Next === name && typeof p.TimeoutSeconds === 'number').map((p) => p.TimeoutSeconds as number));
        if (typeof s.TimeoutSeconds === 'number') figures.approvalTimeoutSeconds = Math.max(figures.approvalTimeoutSeconds, notice + s.TimeoutSeconds);
        else figures.notes.push(`Task ${name} waits for a task token without TimeoutSeconds: bounded only by the execution timeout.`);
      }
      for (const branch of (s.Branches as Record<string, unknown>[] | undefined) ?? []) visit(branch);
      const inner = (s.ItemProcessor ?? s.Iterator) as Record<string, unknown> | undefined;
      if (inner) visit(inner);
    }
  };
  visit(doc);
  return figures;
}

function numericLimit(rules: unknown): number | null {
  let best: number | null = null;
  const walk = (r: unknown) => {
    if (!r || typeof r !== 'object') return;
    const o = r as Record<string, unknown>;
    for (const op of ['NumericGreaterThanEquals', 'NumericGreaterThan', 'NumericLessThan', 'NumericLessThanEquals', 'NumericEquals']) {
      if (typeof o[op] === 'number') best = Math.max(best ?? 0, o[op] as number);
    }
    for (const k of ['And', 'Or']) for (const x of (o[k] as unknown[] | undefined) ?? []) walk(x);
    if (o.Not) walk(o.Not);
  };
  for (const r of (Array.isArray(rules) ? rules : [])) walk(r);
  return best;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/** rto_parameters from the plan's outputs, or from the failover module's inputs and defaults. */
export function findRtoParameters(ctx: RuleContext): { params: Partial<RtoParameters>; where: string } | null {
  const { index } = ctx;
  const pick = (v: Json | undefined): Partial<RtoParameters> | null => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const out: Partial<RtoParameters> = {};
    for (const k of KEYS) {
      const n = asNumber((v as Obj)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length >= 2 ? out : null;
  };
  const outputs = index.plan.planned_values?.outputs ?? {};
  const ordered = Object.entries(outputs).sort(([a], [b]) => (a === 'rto_parameters' ? -1 : b === 'rto_parameters' ? 1 : a.localeCompare(b)));
  for (const [name, out] of ordered) {
    const direct = pick(out?.value);
    if (direct) return { params: direct, where: `output ${name}` };
    const value = out?.value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const nested = pick((value as Obj).rto_parameters);
      if (nested) return { params: nested, where: `output ${name}.rto_parameters` };
    }
  }
  for (const [path, call] of index.moduleCalls) {
    if (!call.module?.outputs?.rto_parameters) continue;
    const out: Partial<RtoParameters> = {};
    for (const k of KEYS) {
      const expr = call.expressions?.[k];
      let v: unknown = expr?.constant_value;
      const ref = refList(expr).find((r) => r.startsWith('var.'));
      if (v === undefined && ref && !path.includes('.module.')) v = index.variables[ref.slice(4)];
      if (v === undefined && !expr) v = call.module.variables?.[k]?.default;
      const n = asNumber(v);
      if (n !== undefined) out[k] = n;
    }
    if (Object.keys(out).length) return { params: out, where: `${path} inputs and variable defaults` };
  }
  return null;
}

/** The failover trigger declared in rto_parameters: automatic (probe alarm) or manual. */
export function findTrigger(ctx: RuleContext): { auto: boolean; autoDetectionSeconds?: number; where: string } | null {
  const outputs = ctx.index.plan.planned_values?.outputs ?? {};
  for (const [name, out] of Object.entries(outputs).sort(([a], [b]) => a.localeCompare(b))) {
    const value = out?.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const candidates: [Json | undefined, string][] = [[value, `output ${name}`], [(value as Obj).rto_parameters, `output ${name}.rto_parameters`]];
    for (const [v, where] of candidates) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      const auto = (v as Obj).auto_failover_enabled;
      if (typeof auto !== 'boolean') continue;
      const autoDetectionSeconds = asNumber((v as Obj).auto_detection_seconds);
      return autoDetectionSeconds === undefined ? { auto, where } : { auto, autoDetectionSeconds, where };
    }
  }
  return null;
}

/** The budget, and the figures DR017-DR020 name when they report on it. */
export interface ComputedBudget {
  budget: Budget;
  /** The failover state machine the ceilings belong to (or the plan). */
  anchor: string;
  pollIntervalSeconds: number;
  pollAttempts: number | null;
  /** Fixed waits + approval bound + poll bound: what the execution timeout must cover. */
  neededSeconds: number;
}

export function computeBudget(ctx: RuleContext): ComputedBudget | null {
  const { index } = ctx;
  const records = ctx.managedOf('aws_route53_record').filter((r) => getAll(r.values, ['failover_routing_policy']).length > 0);
  const machines = ctx.managedOf('aws_sfn_state_machine');
  if (!ctx.multiRegion && records.length === 0 && machines.length === 0) return null;

  const notes: string[] = [];
  const found = findRtoParameters(ctx);
  const params: RtoParameters = { ...DEFAULT_RTO_PARAMETERS, ...(found?.params ?? {}) };
  const missing = found ? KEYS.filter((k) => found.params[k] === undefined) : [];
  if (found && missing.length) notes.push(`rto_parameters (${found.where}) lacks ${missing.join(', ')}: documented defaults used for them.`);

  // Detection: the health check the PRIMARY record fails over on.
  const primary = records.filter((r) => str(block(r.values, ['failover_routing_policy'])?.type) === 'PRIMARY').sort((a, b) => a.address.localeCompare(b.address))[0];
  const hcTypes = typeSet('aws_route53_health_check');
  let checks: Instance[] = primary ? targetsOf(index, primary, ['health_check_id'], hcTypes) : [];
  if (checks.length === 0) checks = ctx.managedOf('aws_route53_health_check');
  let detection: { seconds: number; source: string };
  const measured = checks
    .map((c) => ({ c, interval: asNumber(c.values.request_interval), threshold: asNumber(c.values.failure_threshold) }))
    .filter((x) => x.interval !== undefined && x.threshold !== undefined);
  if (measured.length) {
    const worst = measured.reduce((a, b) => (a.interval! * a.threshold! >= b.interval! * b.threshold! ? a : b));
    detection = { seconds: worst.interval! * worst.threshold!, source: `${worst.c.address}: request_interval ${worst.interval} s x failure_threshold ${worst.threshold}` };
  } else {
    detection = {
      seconds: params.health_check_interval * params.failure_threshold,
      source: `${found && found.params.health_check_interval !== undefined ? found.where : 'documented defaults'}: health_check_interval ${params.health_check_interval} s x failure_threshold ${params.failure_threshold}`,
    };
  }

  // Who starts the state machine. With automatic failover the probe's alarm does, after N failed
  // probes: that, not the Route 53 check, bounds detection. With manual start a person does, and the
  // response time is theirs to add: the budget counts only what the configuration fixes.
  const trigger = findTrigger(ctx);
  if (trigger?.auto && trigger.autoDetectionSeconds !== undefined && trigger.autoDetectionSeconds > detection.seconds) {
    detection = {
      seconds: trigger.autoDetectionSeconds,
      source: `${trigger.where}: automatic failover starts after the primary probe's alarm (${trigger.autoDetectionSeconds} s), later than Route 53 detection (${detection.seconds} s)`,
    };
  } else if (trigger && !trigger.auto) {
    notes.push('Failover starts manually here: add the on-call response time to detection; the total counts only what the configuration fixes.');
  }

  // DNS. The secondary's own check fails while it is not serving (its /health is 503), so after
  // activation Route 53 first needs threshold x interval of passing checks before it answers with the
  // SECONDARY record; resolvers then see the change within the record's TTL (alias: fixed caching).
  let dns: { seconds: number; source: string };
  if (primary && getAll(primary.values, ['alias']).length > 0) {
    dns = { seconds: ALIAS_DNS_SECONDS, source: `${primary.address} is an alias record: ${ALIAS_DNS_SECONDS} s alias answer caching` };
  } else if (primary && asNumber(primary.values.ttl) !== undefined) {
    dns = { seconds: asNumber(primary.values.ttl)!, source: `${primary.address} ttl` };
  } else {
    dns = { seconds: ALIAS_DNS_SECONDS, source: `no PRIMARY failover record: assumed alias answer caching of ${ALIAS_DNS_SECONDS} s` };
  }
  const secondary = records.filter((r) => str(block(r.values, ['failover_routing_policy'])?.type) === 'SECONDARY').sort((a, b) => a.address.localeCompare(b.address))[0];
  const recovery = (secondary ? targetsOf(index, secondary, ['health_check_id'], hcTypes) : [])
    .map((c) => ({ c, interval: asNumber(c.values.request_interval), threshold: asNumber(c.values.failure_threshold) }))
    .filter((x) => x.interval !== undefined && x.threshold !== undefined)[0];
  if (recovery) {
    const seconds = recovery.interval! * recovery.threshold!;
    dns = { seconds: dns.seconds + seconds, source: `${dns.source} + ${recovery.c.address} turning healthy: ${recovery.interval} s x ${recovery.threshold}` };
  }

  // Orchestration: from a known definition, else rto_parameters, else defaults.
  const failoverMachines = machines.filter((m) => /failover/i.test(m.name) || /failover/i.test(str(m.values.name) ?? ''));
  const candidates = failoverMachines.length ? failoverMachines : machines;
  const figures = candidates
    .map((m) => ({ m, f: typeof m.values.definition === 'string' ? aslFigures(m.values.definition) : null }))
    .filter((x): x is { m: Instance; f: AslFigures } => x.f !== null);
  let parameterSource: Budget['parameterSource'];
  let fixedWaits = 0;
  let pollInterval: number;
  let pollAttempts: number | null;
  let approval: number;
  let executionTimeout: number | null;
  let orchestrationSource: string;
  if (figures.length) {
    parameterSource = 'definition';
    const pickMax = <T extends keyof AslFigures>(k: T) => Math.max(...figures.map((x) => (x.f[k] as number | null) ?? 0));
    fixedWaits = pickMax('fixedWaitSeconds');
    pollInterval = pickMax('pollIntervalSeconds');
    const attempts = figures.map((x) => x.f.maxPollAttempts).filter((n): n is number => n !== null);
    pollAttempts = attempts.length ? Math.max(...attempts) : null;
    approval = pickMax('approvalTimeoutSeconds');
    const timeouts = figures.map((x) => x.f.executionTimeoutSeconds).filter((n): n is number => n !== null);
    executionTimeout = timeouts.length ? Math.max(...timeouts) : null;
    for (const x of figures) notes.push(...x.f.notes.map((n) => `${x.m.address}: ${n}`));
    if (pollAttempts === null) notes.push('The poll loop has no numeric attempt bound in its Choice state: bounded only by the execution timeout.');
    orchestrationSource = `definition of ${figures.map((x) => x.m.address).join(', ')}`;
  } else {
    parameterSource = found ? 'rto_parameters' : 'defaults';
    // Worst case: a failover whose old region could not be fenced also waits out its lease.
    fixedWaits = (found?.params.health_settle_seconds ?? params.health_check_interval * params.failure_threshold + 10) + params.lease_wait_seconds;
    pollInterval = params.poll_interval_seconds;
    pollAttempts = params.max_poll_attempts;
    approval = params.approval_timeout_seconds + params.approval_notice_seconds;
    executionTimeout = params.execution_timeout_seconds;
    orchestrationSource = found ? `rto_parameters (${found.where})` : 'documented defaults';
    if (!found) {
      notes.push('Neither a known state machine definition nor rto_parameters is in the plan: orchestration figures are documented defaults.');
    } else if (candidates.length) {
      notes.push('The state machine definition is unknown at plan time (it depends on values known after apply): figures come from rto_parameters.');
    }
  }
  const authority = params.authority_change_seconds;
  const orchestration = {
    seconds: fixedWaits + approval + authority + pollInterval,
    source: `${orchestrationSource}: fixed waits ${fixedWaits} s + approval bound ${approval} s + authority change ${authority} s + one poll interval ${pollInterval} s`,
  };
  const promotionSeconds = found?.params.promotion_seconds_documented ?? PROMOTION_SECONDS;
  const promotion = {
    seconds: promotionSeconds,
    source: found?.params.promotion_seconds_documented !== undefined
      ? `rto_parameters.promotion_seconds_documented (${found.where})`
      : 'Aurora global database promotion "typically minutes" (Aurora User Guide, unplanned-outage recovery); budgeted at 300 s',
  };
  const total = detection.seconds + orchestration.seconds + promotion.seconds + dns.seconds;
  const budgetVar = asNumber(index.variables.rto_budget_seconds);
  const budgetSeconds = budgetVar ?? null;
  const pollBound = pollAttempts !== null ? pollInterval * pollAttempts : null;
  const anchor = candidates.sort((a, b) => a.address.localeCompare(b.address))[0]?.address ?? PLAN_ADDRESS;

  if (budgetSeconds === null) notes.push('The plan declares no root variable rto_budget_seconds: the total is not checked.');
  const needed = fixedWaits + approval + (pollBound ?? 0);
  const budget: Budget = {
    parts: { detection, orchestration, promotion, dns },
    totalSeconds: total,
    budgetSeconds,
    withinBudget: budgetSeconds === null ? null : total <= budgetSeconds,
    ceilings: { pollBoundSeconds: pollBound, executionTimeoutSeconds: executionTimeout },
    parameterSource,
    notes,
  };
  return { budget, anchor, pollIntervalSeconds: pollInterval, pollAttempts, neededSeconds: needed };
}
