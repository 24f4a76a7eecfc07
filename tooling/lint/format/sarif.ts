// SARIF 2.1.0 for code scanning: every rule of the command's families (from the rule registry) with
// help text, each result with the Terraform address as a logical location (and the input file as its
// physical location).
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Family } from '../rule.ts';
import { familiesOf } from '../rules/index.ts';
import type { Finding, LintReport, RuleInfo, Severity } from '../types.ts';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub code scanning ranks security results by this property (0-10).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

function descriptor(rule: RuleInfo, family: Family): ReportingDescriptor {
  const equivalents = rule.equivalents.length ? rule.equivalents.join(', ') : 'none';
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.checks },
    help: {
      text: `${rule.checks} Why: ${rule.why} Fix: ${rule.fix} Equivalents: ${equivalents}.`,
      markdown: `**${rule.id} ${rule.title}**\n\n${rule.checks}\n\n*Why:* ${rule.why}\n\n*Fix:* ${rule.fix}\n\n*Public scanner equivalents:* ${equivalents}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [family.id, family.category], 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

export function formatSarif(report: LintReport, version: string): string {
  const families = familiesOf(report.summary.tool);
  const rules = families.flatMap((family) => family.rules.map((rule) => ({ rule, family })));
  const ruleIndex = new Map(rules.map(({ rule }, i) => [rule.id, i]));
  const result = (f: Finding): Result => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: (f.file ?? report.summary.input).replace(/\\/g, '/') }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: f.address, kind: f.file ? 'module' : 'resource' }],
      },
    ],
    partialFingerprints: { 'terraformAddress/v1': createHash('sha256').update(`${f.rule}|${f.address}`).digest('hex').slice(0, 32) },
    properties: { severity: f.severity },
  });
  // Waived findings are results too, with an accepted external suppression carrying the waiver, so code
  // scanning shows them as dismissed with their owner, expiry and decision record.
  const waived: Result[] = (report.waivers ?? []).flatMap((w) => w.findings.map((f) => ({
    ...result(f),
    suppressions: [{
      kind: 'external' as const,
      status: 'accepted' as const,
      justification: w.reason,
      properties: { owner: w.owner, expires: w.expires, decision: w.decision, waiver: `${w.rule} ${w.address}` },
    }],
  })));
  const results: Result[] = [...report.findings.map(result), ...waived];
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: report.summary.tool, version, rules: rules.map(({ rule, family }) => descriptor(rule, family)) } },
        results,
        properties: {
          summary: report.summary,
          ...(report.budget ? { budget: report.budget } : {}),
          ...(report.waivers ? { waivers: report.waivers.map((w) => ({ ...w, findings: w.findings.map((f) => f.address) })) } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
