// What plan-lint and hcl-lint do with findings once the rules have run: drop duplicates, sort, count,
// and decide the exit code.
import { severityRank, SEVERITIES, type FailOn, type Finding, type Severity } from './types.ts';

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    severityRank(b.severity) - severityRank(a.severity) || a.rule.localeCompare(b.rule) || a.address.localeCompare(b.address) || a.message.localeCompare(b.message));
}

/** Drops exact duplicates (same rule, address and message) that two paths to one fact can produce. */
export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.rule}\u0000${f.address}\u0000${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function failing(findings: Finding[], failOn: FailOn): boolean {
  return findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
}
