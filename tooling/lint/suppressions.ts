// The checked-in waivers file (lint-suppressions.json): each waiver names the check, the resource
// (an address or glob), the reason, an owner, an expiry date and the decision record that accepts the
// risk. The file is validated as a whole (zod) before anything is linted; a bad entry is a one-line
// usage error that names it. Expired waivers stop suppressing and fail the lint (LINT001); waivers
// that match nothing are findings too (LINT002), so the file cannot rot into a blanket exception list.
// The LINT rules (rules/lint/) read the entries after they were matched against the plan's findings.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { decodeText } from './plan/load.ts';
import type { Finding, RuleInfo, WaiverReport } from './types.ts';
import { ruleById, rulesFor } from './rules/index.ts';
import { UserError } from '../core/errors.ts';

export interface Suppression {
  /** The check ID, e.g. "API003". */
  rule: string;
  /** The resource: a Terraform address, `*` and `?` as wildcards. */
  address: string;
  reason: string;
  /** Who renews or retires it: a team slug or an e-mail address. */
  owner: string;
  /** YYYY-MM-DD; from the day after, the waiver suppresses nothing and the lint fails. */
  expires: string;
  /** The decision record that accepts the risk: docs/decisions/NNN-title.md[#anchor]. */
  decision: string;
  /** Optional: only plans whose root variable `environment` is one of these. */
  environments?: string[];
}

export const DECISION_LINK = /^docs\/decisions\/\d{3}-[a-z0-9-]+\.md(#[a-z0-9-]+)?$/;
const FIELD_ORDER = ['rule', 'address', 'reason', 'owner', 'expires', 'decision', 'environments'] as const;

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

// Messages say what the field must hold; parseSuppressions prefixes the entry.
const waiverSchema = z.strictObject({
  rule: z.string({ error: 'needs rule, a check ID such as "DR008"' })
    .regex(/^[A-Z]+\d{3}$/, { error: 'needs rule, a check ID such as "DR008"' })
    .refine((id) => ruleById(id) !== undefined, { error: (i) => `names unknown rule ${String(i.input)}: see docs/rules.md` }),
  address: z.string({ error: 'needs address, the resource (an address or glob pattern)' })
    .trim().min(1, { error: 'needs address, the resource (an address or glob pattern)' }),
  reason: z.string({ error: 'has no reason: every waiver must say why the finding is accepted' })
    .trim().min(10, { error: 'has no reason: every waiver must say why the finding is accepted' }),
  owner: z.string({ error: 'needs owner, a team slug (platform-team) or an e-mail address' })
    .regex(/^([a-z0-9][a-z0-9-]*|[^\s@]+@[^\s@]+\.[a-z]{2,})$/, { error: 'needs owner, a team slug (platform-team) or an e-mail address' }),
  expires: z.string({ error: 'needs expires as a date YYYY-MM-DD' })
    .refine(isDate, { error: 'needs expires as a date YYYY-MM-DD' }),
  decision: z.string({ error: 'needs decision, a link to its decision record (docs/decisions/NNN-title.md)' })
    .regex(DECISION_LINK, { error: 'needs decision, a link to its decision record (docs/decisions/NNN-title.md)' }),
  environments: z.array(z.string(), { error: 'environments must be a list of names' }).optional(),
}, { error: (i) => (i.code === 'unrecognized_keys'
  ? `has unknown field(s) ${(i as { keys: string[] }).keys.join(', ')}: use ${FIELD_ORDER.join(', ')}`
  : 'is not an object with rule, address, reason, owner, expires and decision') });

function label(raw: unknown): string {
  const s = raw && typeof raw === 'object' ? raw as Record<string, unknown> : {};
  const parts = [s.rule, s.address].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length ? ` (${parts.join(' ')})` : '';
}

/**
 * Parses and validates the whole file. `baseDir` (the repository root the links are relative to) also
 * checks that each decision record exists.
 */
export function parseSuppressions(text: string, file: string, opts: { baseDir?: string } = {}): Suppression[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON (${(err as Error).message.replace(/\s+/g, ' ')}).`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list)) throw new UserError(`${file} must hold {"suppressions": [...]} (or a list of waivers).`);
  return list.map((raw, i) => {
    const where = `${file} suppression #${i + 1}${label(raw)}`;
    const parsed = waiverSchema.safeParse(raw);
    if (!parsed.success) {
      // The first problem in field order, so the message is stable and one line.
      const issues = parsed.error.issues;
      const rank = (p: PropertyKey[]) => (p.length ? FIELD_ORDER.indexOf(p[0] as (typeof FIELD_ORDER)[number]) : -1);
      const first = [...issues].sort((a, b) => rank(a.path) - rank(b.path))[0]!;
      throw new UserError(`${where} ${first.message}.`);
    }
    const s = parsed.data;
    if (opts.baseDir && !existsSync(resolve(opts.baseDir, s.decision.replace(/#.*$/, '')))) {
      throw new UserError(`${where} links decision record ${s.decision}, which does not exist: link an existing docs/decisions/ file.`);
    }
    return {
      rule: s.rule,
      address: s.address,
      reason: s.reason,
      owner: s.owner,
      expires: s.expires,
      decision: s.decision,
      ...(s.environments ? { environments: s.environments } : {}),
    };
  });
}

export function readSuppressions(file: string): Suppression[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `Suppressions file ${file} does not exist.` : `Suppressions file ${file} cannot be read (${code ?? (err as Error).message}).`);
  }
  // Decision links are relative to the repository root, where the file lives.
  return parseSuppressions(decodeText(bytes, file), file, { baseDir: dirname(resolve(file)) });
}

/** `*` matches any run of characters (dots and brackets included), `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()|[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

export interface Applied {
  kept: Finding[];
  suppressed: { finding: Finding; by: Suppression }[];
  meta: Finding[];
  /** Every waiver in scope for this plan, with what it suppressed (for the report). */
  waivers: WaiverReport[];
}

/** One suppression of the file after matching: what the LINT rules report on. */
export interface SuppressionEntry {
  suppression: Suppression;
  /** `<file> #<n> (<rule> <address>)`, how messages name the entry. */
  label: string;
  expired: boolean;
  /** It suppressed at least one finding of this plan. */
  used: boolean;
}

/** What the LINT rules get: the suppressions that apply to this plan's environment, and a finding sink. */
export class SuppressionContext {
  readonly findings: Finding[] = [];

  constructor(readonly entries: readonly SuppressionEntry[]) {}

  emit(rule: Pick<RuleInfo, 'id' | 'severity'>, address: string, message: string): void {
    this.findings.push({ rule: rule.id, severity: rule.severity, address, message });
  }
}

export function applySuppressions(findings: Finding[], suppressions: Suppression[], opts: { today: string; environment?: string; file: string }): Applied {
  const active = suppressions.map((s, i) => ({
    s,
    i,
    re: globToRegExp(s.address),
    inScope: !s.environments || (opts.environment !== undefined && s.environments.includes(opts.environment)),
    expired: s.expires < opts.today,
    used: false,
  }));
  const kept: Finding[] = [];
  const suppressed: Applied['suppressed'] = [];
  for (const f of findings) {
    const hit = active.find((a) => a.inScope && !a.expired && a.s.rule === f.rule && a.re.test(f.address));
    if (hit) {
      hit.used = true;
      suppressed.push({ finding: f, by: hit.s });
    } else kept.push(f);
  }
  const ctx = new SuppressionContext(active.filter((a) => a.inScope).map((a) => ({
    suppression: a.s,
    label: `${opts.file} #${a.i + 1} (${a.s.rule} ${a.s.address})`,
    expired: a.expired,
    used: a.used,
  })));
  for (const rule of rulesFor('suppressions')) rule.check(ctx);
  const waivers = active.filter((a) => a.inScope).map((a): WaiverReport => ({
    rule: a.s.rule,
    address: a.s.address,
    owner: a.s.owner,
    expires: a.s.expires,
    decision: a.s.decision,
    reason: a.s.reason,
    expired: a.expired,
    findings: suppressed.filter((x) => x.by === a.s).map((x) => x.finding),
  }));
  return { kept, suppressed, meta: ctx.findings, waivers };
}
