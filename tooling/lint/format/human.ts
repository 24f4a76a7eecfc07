// Terminal report: grouped by severity, wrapped at 100 columns, with the count, duration and budget.
import { SEVERITIES, type Budget, type LintReport } from '../types.ts';

const WIDTH = 100;

export function wrap(text: string, indent: number, width = WIDTH): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent + line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l);
}

export function formatBudgetLines(b: Budget): string[] {
  const p = b.parts;
  const verdict = b.budgetSeconds === null ? 'no rto_budget_seconds declared' : b.withinBudget ? `within the ${b.budgetSeconds} s budget` : `EXCEEDS the ${b.budgetSeconds} s budget`;
  const lines = [
    `RTO budget: ${b.totalSeconds} s (${verdict}); figures from ${b.parameterSource}`,
    ...(['detection', 'orchestration', 'promotion', 'dns'] as const).flatMap((k) => {
      const head = `  ${k.padEnd(13)} ${String(p[k].seconds).padStart(5)} s  `;
      const body = wrap(p[k].source, head.length);
      body[0] = head + body[0]!.trimStart();
      return body;
    }),
    `  ceilings: poll bound ${b.ceilings.pollBoundSeconds ?? 'unbounded'} s, execution timeout ${b.ceilings.executionTimeoutSeconds ?? 'none'} s`,
  ];
  for (const n of b.notes) lines.push(...wrap(`note: ${n}`, 2));
  return lines;
}

/** Every waiver in scope: check, resource, owner, expiry, decision record, and what it suppressed here. */
export function formatWaiverLines(report: LintReport): string[] {
  const waivers = report.waivers ?? [];
  const out = [`WAIVERS (${waivers.length}; ${report.summary.suppressed} finding(s) suppressed)`];
  for (const w of waivers) {
    const state = w.expired ? `EXPIRED ${w.expires}` : `until ${w.expires}`;
    out.push(...wrap(`${w.rule} ${w.address}: owner ${w.owner}, ${state}, ${w.decision}`, 2));
    if (w.findings.length) for (const f of w.findings) out.push(...wrap(`suppressed: ${f.address}`, 4));
    else out.push(`    suppressed: nothing${w.expired ? ' (expired)' : ''}`);
  }
  return out;
}

export function formatHuman(report: LintReport): string {
  const { summary: s, findings } = report;
  const out: string[] = [];
  out.push(`${s.tool} ${s.input}: ${s.checked} ${s.checkedLabel} checked in ${s.durationMs} ms`);
  const ruleWidth = Math.max(6, ...findings.map((f) => f.rule.length));
  for (const sev of [...SEVERITIES].reverse()) {
    const group = findings.filter((f) => f.severity === sev);
    if (!group.length) continue;
    out.push('', `${sev.toUpperCase()} (${group.length})`);
    for (const f of group) {
      const head = `  ${f.rule.padEnd(ruleWidth)}  `;
      const addressLines = wrap(f.address, head.length);
      addressLines[0] = head + addressLines[0]!.trimStart();
      out.push(...addressLines, ...wrap(f.message, head.length));
    }
  }
  if (report.waivers?.length) out.push('', ...formatWaiverLines(report));
  if (report.budget) out.push('', ...formatBudgetLines(report.budget));
  const c = s.counts;
  const parts = [...SEVERITIES].reverse().filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  out.push('', `${findings.length === 0 ? 'No findings' : `${findings.length} finding(s): ${parts.join(', ')}`}; ${s.suppressed} suppressed; ` +
    `${s.failed ? 'FAILED' : 'passed'} (--fail-on ${s.failOn}).`);
  return out.join('\n') + '\n';
}
