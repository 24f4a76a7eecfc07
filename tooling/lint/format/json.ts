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
  return `${JSON.stringify({ summary: report.summary, findings, budget: report.budget }, null, 2)}\n`;
}
