// Shared vocabulary of plan-lint and hcl-lint.

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Severities a user may pass to --fail-on (info never fails a run). */
export const FAIL_ON = ['low', 'medium', 'high', 'critical'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Terraform address the finding is about (hcl-lint: `<file>` or `<file>:<block>`). */
  address: string;
  message: string;
  /** hcl-lint only: repository-relative file. */
  file?: string;
}

/** A rule's metadata: what docs/rules.md and SARIF say about it. The rule's file holds it. */
export interface RuleInfo {
  /** `<FAMILY><three digits>`, e.g. DR001; also the rule's file name. */
  id: string;
  /** The family's ID (the folder under tooling/lint/rules/, upper-cased). */
  family: string;
  severity: Severity;
  title: string;
  /** What the rule checks, one or two sentences. */
  checks: string;
  why: string;
  fix: string;
  /** Public scanners' equivalents (e.g. "Checkov CKV_AWS_145"), or [] when none has one. */
  equivalents: string[];
}

export interface Summary {
  tool: 'plan-lint' | 'hcl-lint';
  input: string;
  checked: number;
  checkedLabel: string;
  durationMs: number;
  counts: Record<Severity, number>;
  suppressed: number;
  /** plan-lint with a waivers file: waivers past their expiry (any of them fails the run). */
  expiredWaivers?: number;
  failOn: FailOn;
  failed: boolean;
}

export interface BudgetPart {
  seconds: number;
  source: string;
}

export interface Budget {
  parts: {
    detection: BudgetPart;
    orchestration: BudgetPart;
    promotion: BudgetPart;
    dns: BudgetPart;
  };
  totalSeconds: number;
  budgetSeconds: number | null;
  withinBudget: boolean | null;
  /** Bounds the plan sets that are not on the expected path but cap it. */
  ceilings: { pollBoundSeconds: number | null; executionTimeoutSeconds: number | null };
  /** Where the orchestration figures came from: plan definition, rto_parameters, or documented defaults. */
  parameterSource: 'definition' | 'rto_parameters' | 'defaults';
  notes: string[];
}

/** A waiver of the suppressions file as the report shows it: who owns it, until when, and what it hid. */
export interface WaiverReport {
  rule: string;
  /** The waiver's address or glob. */
  address: string;
  owner: string;
  expires: string;
  decision: string;
  reason: string;
  expired: boolean;
  /** The findings of this plan it suppressed (none when expired: it no longer suppresses). */
  findings: Finding[];
}

export interface LintReport {
  summary: Summary;
  findings: Finding[];
  budget: Budget | null;
  /** plan-lint with a waivers file: the waivers in scope for this plan. */
  waivers?: WaiverReport[];
}
