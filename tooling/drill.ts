#!/usr/bin/env -S npx tsx
// npm run --silent drill -- [--scenario <name> | --all] [--env <env>] [--timing]
// Runs the failover state machine's template locally against simulated AWS answers and prints each
// scenario's timeline and RTO estimate. Exits 1 when a scenario's outcome differs from its expectation.
import { argv } from 'zx';
import { runCli } from './lib/cli.ts';
import { moduleDefaults, planFigures } from './lib/drill/figures.ts';
import { formatResult, formatTimingModel } from './lib/drill/report.ts';
import { runScenario } from './lib/drill/run.ts';
import { SCENARIOS, scenarioNamed } from './lib/drill/scenarios.ts';
import { UserError } from './lib/terraform.ts';

await runCli(async () => {
  const known = new Set(['_', 'scenario', 'all', 'env', 'timing']);
  const unknown = Object.keys(argv).filter((k) => !known.has(k));
  if (unknown.length || argv._.length) {
    throw new UserError(`Unknown argument ${unknown.length ? `--${unknown[0]}` : String(argv._[0])}: use --scenario <name>, --all, --env <env> or --timing.`);
  }
  if (argv.scenario !== undefined && argv.all) throw new UserError('Give either --scenario <name> or --all, not both.');
  let selected = SCENARIOS;
  if (argv.scenario !== undefined) {
    const s = scenarioNamed(String(argv.scenario));
    if (!s) throw new UserError(`Unknown scenario "${String(argv.scenario)}": choose one of ${SCENARIOS.map((x) => x.name).join(', ')}.`);
    selected = [s];
  }
  const figures = argv.env !== undefined ? planFigures(String(argv.env)) : moduleDefaults();
  console.log(`Failover drill: ${selected.length} scenario(s), figures from ${figures.source}\n`);
  if (argv.timing) console.log(`${formatTimingModel()}\n`);

  let failed = 0;
  for (const scenario of selected) {
    const result = await runScenario(scenario, figures);
    if (result.mismatches.length || result.problems.length) failed++;
    console.log(`${formatResult(result)}\n`);
  }
  console.log(`${selected.length - failed}/${selected.length} scenarios behaved as expected.`);
  return failed ? 1 : 0;
});
