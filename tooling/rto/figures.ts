// The documented figures every recovery-time computation uses: plan-lint's budget, the drill's timing
// model and the orchestrator's execution timeout all read modules/failover-orchestrator/rto-figures.json
// (Terraform through jsondecode(file(...))), so a figure changes in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';

export const RTO_FIGURES_FILE = join(repoRoot, 'modules', 'failover-orchestrator', 'rto-figures.json');

export interface Figure {
  seconds: number;
  source: string;
}

const NAMES = [
  'health_check_interval',
  'dns_alias_ttl',
  'promotion',
  'probe_interval',
  'authority_change',
  'preflight_budget',
  'approval_notice_budget',
  'authority_budget',
  'fence_budget',
  'promotion_call_budget',
  'activation_budget',
  'poll_attempt_overhead',
] as const;
export type FigureName = (typeof NAMES)[number];

export function parseFigures(text: string, file = RTO_FIGURES_FILE): Record<FigureName, Figure> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not JSON: ${(err as Error).message}.`);
  }
  const out = {} as Record<FigureName, Figure>;
  for (const name of NAMES) {
    const f = (doc as Record<string, Partial<Figure>> | null)?.[name];
    if (!f || typeof f.seconds !== 'number' || !(f.seconds >= 0) || typeof f.source !== 'string' || !f.source.trim()) {
      throw new UserError(`${file} needs "${name}": { "seconds": <number >= 0>, "source": "<citation>" }.`);
    }
    out[name] = { seconds: f.seconds, source: f.source };
  }
  return out;
}

export const RTO_FIGURES = parseFigures(readFileSync(RTO_FIGURES_FILE, 'utf8'));

export interface ExecutionBoundInputs {
  requireApproval: boolean;
  approvalTimeoutSeconds: number;
  pollIntervalSeconds: number;
  maxPollAttempts: number;
  /** Route 53 failure threshold of the regional health checks (sets the wait before validation). */
  healthCheckFailureThreshold: number;
  /** The wait of a failover that could not fence the old region: its serving-flag lease + 10 s. */
  leaseWaitSeconds?: number;
}

/** The serving-flag lease the regional stacks default to (modules/regional-stack serving_lease_seconds). */
export const DEFAULT_LEASE_WAIT_SECONDS = 150 + 10;

/** The state machine's wait between activation and validation, as the orchestrator's main.tf computes it. */
export function healthSettleSeconds(failureThreshold: number, figures = RTO_FIGURES): number {
  return figures.health_check_interval.seconds * failureThreshold + 10;
}

/** The execution-level TimeoutSeconds the orchestrator renders (same sum as its main.tf locals). */
export function executionTimeoutSeconds(f: ExecutionBoundInputs, figures = RTO_FIGURES): number {
  const poll = (f.pollIntervalSeconds + figures.poll_attempt_overhead.seconds) * f.maxPollAttempts;
  const approval = f.requireApproval ? figures.approval_notice_budget.seconds + f.approvalTimeoutSeconds : 0;
  return (
    figures.preflight_budget.seconds +
    approval +
    figures.authority_budget.seconds +
    figures.fence_budget.seconds +
    figures.promotion_call_budget.seconds +
    poll +
    healthSettleSeconds(f.healthCheckFailureThreshold, figures) +
    (f.leaseWaitSeconds ?? DEFAULT_LEASE_WAIT_SECONDS) +
    figures.activation_budget.seconds
  );
}
