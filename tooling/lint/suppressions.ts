// The checked-in suppressions file: each entry names a rule, an address (glob), a reason and an expiry.
// Expired entries stop suppressing and are findings themselves (LINT001); entries that match nothing
// are findings too (LINT002), so the file cannot rot into a blanket exception list. The LINT rules
// (rules/lint/) read the entries after they were matched against the plan's findings.
import { readFileSync } from 'node:fs';
import { decodeText } from './plan/load.ts';
import type { Finding, RuleInfo } from './types.ts';
import { ruleById, rulesFor } from './rules/index.ts';
import { UserError } from '../core/errors.ts';

export interface Suppression {
  rule: string;
  address: string;
  reason: string;
  expires: string;
  /** Optional: only plans whose root variable `environment` is one of these. */
  environments?: string[];
}

const FIELDS = new Set(['rule', 'address', 'reason', 'expires', 'environments']);

export function parseSuppressions(text: string, file: string): Suppression[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON (${(err as Error).message.replace(/\s+/g, ' ')}).`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list)) throw new UserError(`${file} must hold {"suppressions": [...]} (or a list of suppressions).`);
  return list.map((raw, i) => {
    const where = `${file} suppression #${i + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UserError(`${where} is not an object with rule, address, reason and expires.`);
    const s = raw as Record<string, unknown>;
    const unknown = Object.keys(s).filter((k) => !FIELDS.has(k));
    if (unknown.length) throw new UserError(`${where} has unknown field(s) ${unknown.join(', ')}: use rule, address, reason, expires, environments.`);
    if (typeof s.rule !== 'string' || !/^[A-Z]+\d{3}$/.test(s.rule)) throw new UserError(`${where} needs a rule ID such as "DR008".`);
    if (!ruleById(s.rule)) throw new UserError(`${where} names unknown rule ${s.rule}: see docs/rules.md.`);
    if (typeof s.address !== 'string' || s.address.trim() === '') throw new UserError(`${where} (${s.rule}) needs an address or glob pattern.`);
    if (typeof s.reason !== 'string' || s.reason.trim().length < 10) {
      throw new UserError(`${where} (${s.rule} ${s.address}) has no reason: every suppression must say why the finding is accepted.`);
    }
    if (typeof s.expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s.expires) || Number.isNaN(Date.parse(`${s.expires}T00:00:00Z`))) {
      throw new UserError(`${where} (${s.rule} ${s.address}) needs expires as a date YYYY-MM-DD.`);
    }
    if (s.environments !== undefined && (!Array.isArray(s.environments) || s.environments.some((e) => typeof e !== 'string'))) {
      throw new UserError(`${where} (${s.rule} ${s.address}) environments must be a list of names.`);
    }
    return {
      rule: s.rule,
      address: s.address,
      reason: s.reason.trim(),
      expires: s.expires,
      ...(s.environments ? { environments: s.environments as string[] } : {}),
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
  return parseSuppressions(decodeText(bytes, file), file);
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
  return { kept, suppressed, meta: ctx.findings };
}
