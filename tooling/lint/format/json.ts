import type { LintReport } from '../types.ts';

/** One object: summary, findings (rule, severity, address, message), budget. */
export function formatJson(report: LintReport): string {
  const findings = report.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    address: f.address,
    message: f.message,
    ...(f.file ? { file: f.file } : {}),
  }));
  const waivers = report.waivers?.map((w) => ({ ...w, findings: w.findings.map((f) => f.address) }));
  return `${JSON.stringify({ summary: report.summary, findings, budget: report.budget, ...(waivers ? { waivers } : {}) }, null, 2)}\n`;
}
