// Compact PR comment (Atlantis): verdict, counts by severity, a findings table, the budget.
import { SEVERITIES, type LintReport } from '../types.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function formatMarkdown(report: LintReport, maxRows = 50): string {
  const { summary: s, findings } = report;
  const order = [...SEVERITIES].reverse();
  const lines: string[] = [];
  lines.push(`### ${s.tool}: \`${cell(s.input)}\` ${s.failed ? 'FAILED' : 'passed'} (--fail-on ${s.failOn})`);
  lines.push('', `${s.checked} ${s.checkedLabel} checked in ${s.durationMs} ms; ${s.suppressed} finding(s) suppressed.`, '');
  lines.push(`| ${order.join(' | ')} |`, `| ${order.map(() => '---:').join(' | ')} |`, `| ${order.map((k) => s.counts[k]).join(' | ')} |`);
  if (findings.length) {
    lines.push('', '| Severity | Rule | Address | Finding |', '| --- | --- | --- | --- |');
    for (const f of findings.slice(0, maxRows)) lines.push(`| ${f.severity} | ${f.rule} | \`${cell(f.address)}\` | ${cell(f.message)} |`);
    if (findings.length > maxRows) lines.push('', `…and ${findings.length - maxRows} more (run plan-lint locally for the full list).`);
  }
  if (report.waivers?.length) {
    lines.push('', '<details><summary>Waivers (' + report.waivers.length + ')</summary>', '', '| Rule | Resource | Owner | Expires | Decision | Suppressed here |', '| --- | --- | --- | --- | --- | ---: |');
    for (const w of report.waivers) {
      lines.push(`| ${w.rule} | \`${cell(w.address)}\` | ${cell(w.owner)} | ${w.expired ? `**expired ${w.expires}**` : w.expires} | ${cell(w.decision)} | ${w.findings.length} |`);
    }
    lines.push('', '</details>');
  }
  const b = report.budget;
  if (b) {
    const verdict = b.budgetSeconds === null ? 'no budget declared' : b.withinBudget ? `within ${b.budgetSeconds} s` : `**exceeds ${b.budgetSeconds} s**`;
    lines.push('', `**RTO budget:** ${b.totalSeconds} s (${verdict}) = detection ${b.parts.detection.seconds} s + orchestration ${b.parts.orchestration.seconds} s + promotion ${b.parts.promotion.seconds} s + DNS ${b.parts.dns.seconds} s; figures from ${b.parameterSource}.`);
  }
  return lines.join('\n') + '\n';
}
