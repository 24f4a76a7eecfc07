// The reserved-concurrency formula (tooling/preflight/concurrency.ts) against the tfvars, and against
// the modules that set reserved_concurrent_executions: a new function with a reservation, or a changed
// default or literal, fails here until the formula follows.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { DB_MIGRATOR_RESERVED, PRIMARY_PROBE_RESERVED, REGION_FENCE_RESERVED, REGIONAL_STACK_DEFAULTS, reservedConcurrency, total } from '../../../tooling/preflight/concurrency.ts';
import { loadEnvironment } from '../../../tooling/preflight/environment.ts';
import { ENVIRONMENTS } from '../../../tooling/terraform/workspace.ts';
import { tfvars } from './fixtures.ts';

function tfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'tests' || name.startsWith('.') ? [] : tfFiles(path);
    return name.endsWith('.tf') ? [path] : [];
  });
}

describe('reservedConcurrency', () => {
  it('sums the tfvars settings and the orchestrator literals per region', () => {
    const terms = reservedConcurrency(tfvars(), 'trading-dev', 'environments/dev/terraform.tfvars');
    expect(terms.primary.map((t) => [t.functionName, t.reserved])).toEqual([
      ['trading-dev-trade-processor', 5],
      ['trading-dev-health', 2],
      ['trading-dev-failover-validator', 2],
      ['trading-dev-db-migrator', DB_MIGRATOR_RESERVED],
      ['trading-dev-region-fence', REGION_FENCE_RESERVED],
      ['trading-dev-primary-probe', PRIMARY_PROBE_RESERVED],
    ]);
    expect(total(terms.primary)).toBe(9 + DB_MIGRATOR_RESERVED + REGION_FENCE_RESERVED + PRIMARY_PROBE_RESERVED);
    expect(total(terms.secondary)).toBe(9 + DB_MIGRATOR_RESERVED + REGION_FENCE_RESERVED + PRIMARY_PROBE_RESERVED);
  });

  it('takes the regional-stack defaults for functions the tfvars leave out, and the probe in both regions whether or not automatic failover is on', () => {
    const terms = reservedConcurrency(tfvars({ regional_function_settings: { health: { memory_mb: 512 } }, failover: { auto_failover_enabled: true } }), 'trading-staging', 'f');
    expect(total(terms.primary)).toBe(10 + 5 + 2 + DB_MIGRATOR_RESERVED + REGION_FENCE_RESERVED + PRIMARY_PROBE_RESERVED);
    expect(total(terms.secondary)).toBe(10 + 5 + 2 + DB_MIGRATOR_RESERVED + REGION_FENCE_RESERVED + PRIMARY_PROBE_RESERVED);
    expect(terms.primary[1]).toEqual({ functionName: 'trading-staging-health', reserved: 5, source: 'modules/regional-stack/variables.tf (default of health)' });
  });

  it('refuses a reservation that is not a whole number of at least 1', () => {
    expect(() => reservedConcurrency(tfvars({ regional_function_settings: { health: { reserved_concurrency: 0 } } }), 'p', 'environments/dev/terraform.tfvars'))
      .toThrow('environments/dev/terraform.tfvars: regional_function_settings.health.reserved_concurrency must be a whole number of at least 1.');
  });

  it('accounts for every reserved_concurrent_executions in modules/', () => {
    const found = tfFiles(join(repoRoot, 'modules')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*reserved_concurrent_executions\s*=\s*(.+?)\s*$/gm)].map((m) => `${relative(repoRoot, file)}: ${m[1]}`));
    expect(found.sort()).toEqual([
      `modules/failover-orchestrator/modules/region/peer-probe.tf: ${PRIMARY_PROBE_RESERVED}`,
      `modules/failover-orchestrator/modules/region/region-fence.tf: ${REGION_FENCE_RESERVED}`,
      'modules/regional-stack/functions.tf: var.function_settings.failover_validator.reserved_concurrency',
      'modules/regional-stack/functions.tf: var.function_settings.health.reserved_concurrency',
      'modules/regional-stack/functions.tf: var.function_settings.trade_processor.reserved_concurrency',
      `modules/regional-stack/migrator.tf: ${DB_MIGRATOR_RESERVED}`,
    ]);
  });

  it('uses the regional-stack defaults of function_settings', () => {
    const source = readFileSync(join(repoRoot, 'modules/regional-stack/variables.tf'), 'utf8');
    for (const [fn, value] of Object.entries(REGIONAL_STACK_DEFAULTS)) {
      expect(source, fn).toMatch(new RegExp(`${fn} = optional\\(object\\(\\{[^}]*reserved_concurrency\\s*=\\s*optional\\(number, ${value}\\)`));
    }
  });

  it('reads the environments\' own settings: each environment wires regional_function_settings into both stacks', () => {
    const main = readFileSync(join(repoRoot, 'environments/shared/main.tf'), 'utf8');
    expect(main.match(/function_settings\s*=\s*var\.regional_function_settings/g)).toHaveLength(2);
  });

  it.each(ENVIRONMENTS)('computes a figure from the shipped %s tfvars', async (env) => {
    const loaded = await loadEnvironment(env);
    expect(total(loaded.concurrency.primary)).toBeGreaterThan(REGION_FENCE_RESERVED);
    expect(total(loaded.concurrency.secondary)).toBeGreaterThanOrEqual(total(loaded.concurrency.primary));
  });
});
