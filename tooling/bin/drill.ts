#!/usr/bin/env -S npx tsx
// npm run --silent drill -- [--scenario <name> | --all] [--env <env>] [--timing]
// Runs the failover state machine's template locally against simulated AWS answers and prints each
// scenario's timeline and RTO estimate. Exits 1 when a scenario's outcome differs from its expectation.
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { moduleDefaults, planFigures } from '../drill/figures.ts';
import { formatResult, formatTimingModel } from '../drill/report.ts';
import { runScenario } from '../drill/run.ts';
import { SCENARIOS, scenarioNamed } from '../drill/scenarios.ts';
import { UserError } from '../core/errors.ts';

await runCli('drill', async () => {
  const args = parseArgs(process.argv.slice(2), { values: ['scenario', 'env'], flags: ['all', 'timing'] });
  if (args.positionals.length) throw new UserError(`Unknown argument ${args.positionals[0]}: use --scenario <name>, --all, --env <env> or --timing.`);
  const name = args.values.get('scenario');
  if (name !== undefined && args.flags.has('all')) throw new UserError('Give either --scenario <name> or --all, not both.');
  let selected = SCENARIOS;
  if (name !== undefined) {
    const s = scenarioNamed(name);
    if (!s) throw new UserError(`Unknown scenario "${name}": choose one of ${SCENARIOS.map((x) => x.name).join(', ')}.`);
    selected = [s];
  }
  const env = args.values.get('env');
  const figures = env !== undefined ? planFigures(env) : moduleDefaults();
  console.log(`Failover drill: ${selected.length} scenario(s), figures from ${figures.source}\n`);
  if (args.flags.has('timing')) console.log(`${formatTimingModel()}\n`);

  let failed = 0;
  for (const scenario of selected) {
    const result = await runScenario(scenario, figures);
    if (result.mismatches.length || result.problems.length) failed++;
    console.log(`${formatResult(result)}\n`);
  }
  console.log(`${selected.length - failed}/${selected.length} scenarios behaved as expected.`);
  return failed ? 1 : 0;
});
