// The reserved concurrency an environment's functions declare, per region. AWS keeps at least 100
// of a region's concurrency unreserved, so an apply fails (reserved_concurrent_executions) unless
//
//   UnreservedConcurrentExecutions + (reservations these functions already hold) - R  >=  100
//
// where R, for one region, is the sum of the terms below. Where each one is set:
//   trade_processor, health, failover_validator
//       regional_function_settings.<fn>.reserved_concurrency in environments/<env>/terraform.tfvars,
//       else the defaults of function_settings in modules/regional-stack/variables.tf (10, 5, 2);
//       both regions (the regional stack is instantiated once per region).
//   db_migrator       1, literal in modules/regional-stack/migrator.tf; both regions.
//   region_fence      4, literal in modules/failover-orchestrator/modules/region/region-fence.tf; both regions.
//   primary_probe     1, literal in modules/failover-orchestrator/modules/region/peer-probe.tf; both
//                     regions, always (each region's failover preflight asks it about the other region).
// tests/tooling/preflight/concurrency.test.ts reads those module files and fails when a function
// with reserved concurrency is added or a default or literal changes without this table following.
import { UserError } from '../core/errors.ts';
import type { HclValue } from '../terraform/hcl.ts';
import type { Role } from './environment.ts';

export interface ConcurrencyTerm {
  /** The function's name in AWS (the same in both regions). */
  functionName: string;
  reserved: number;
  /** Where the figure comes from. */
  source: string;
}

/** Defaults of regional-stack's function_settings.*.reserved_concurrency. */
export const REGIONAL_STACK_DEFAULTS = { trade_processor: 10, health: 5, failover_validator: 2 } as const;
/** Literal in the regional stack: one migrator run at a time. */
export const DB_MIGRATOR_RESERVED = 1;
/** Literals in the failover orchestrator. */
export const REGION_FENCE_RESERVED = 4;
export const PRIMARY_PROBE_RESERVED = 1;

const FUNCTION_SUFFIX: Record<keyof typeof REGIONAL_STACK_DEFAULTS, string> = {
  trade_processor: 'trade-processor',
  health: 'health',
  failover_validator: 'failover-validator',
};

/** The terms of R for each region, from the parsed tfvars. */
export function reservedConcurrency(vars: { [k: string]: HclValue }, namePrefix: string, file: string): Record<Role, ConcurrencyTerm[]> {
  const settings = vars.regional_function_settings;
  const regional: ConcurrencyTerm[] = [];
  for (const fn of Object.keys(REGIONAL_STACK_DEFAULTS) as (keyof typeof REGIONAL_STACK_DEFAULTS)[]) {
    const entry = settings && typeof settings === 'object' && !Array.isArray(settings) ? settings[fn] : undefined;
    const set = entry && typeof entry === 'object' && !Array.isArray(entry) ? entry.reserved_concurrency : undefined;
    if (set !== undefined && set !== null && (typeof set !== 'number' || !Number.isInteger(set) || set < 1)) {
      throw new UserError(`${file}: regional_function_settings.${fn}.reserved_concurrency must be a whole number of at least 1.`);
    }
    regional.push(typeof set === 'number'
      ? { functionName: `${namePrefix}-${FUNCTION_SUFFIX[fn]}`, reserved: set, source: `${file} (regional_function_settings.${fn})` }
      : { functionName: `${namePrefix}-${FUNCTION_SUFFIX[fn]}`, reserved: REGIONAL_STACK_DEFAULTS[fn], source: `modules/regional-stack/variables.tf (default of ${fn})` });
  }
  regional.push({ functionName: `${namePrefix}-db-migrator`, reserved: DB_MIGRATOR_RESERVED, source: 'modules/regional-stack/migrator.tf' });
  const fence: ConcurrencyTerm = {
    functionName: `${namePrefix}-region-fence`,
    reserved: REGION_FENCE_RESERVED,
    source: 'modules/failover-orchestrator/modules/region/region-fence.tf',
  };
  const probe: ConcurrencyTerm = {
    functionName: `${namePrefix}-primary-probe`,
    reserved: PRIMARY_PROBE_RESERVED,
    source: 'modules/failover-orchestrator/modules/region/peer-probe.tf',
  };
  return { primary: [...regional, fence, probe], secondary: [...regional, fence, probe] };
}

export function total(terms: readonly ConcurrencyTerm[]): number {
  return terms.reduce((sum, t) => sum + t.reserved, 0);
}

/** The part of a region's concurrency AWS never lets anyone reserve. */
export const MIN_UNRESERVED = 100;
