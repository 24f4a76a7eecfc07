#!/usr/bin/env -S npx tsx
// npm run --silent drill -- [--scenario <name> | --all] [--env <env>] [--timing]
//   Runs the failover state machine's template locally against scripted AWS answers and prints each
//   scenario's timeline and RTO estimate. Exits 1 when a scenario's outcome differs from its expectation.
// npm run --silent drill -- --lifecycle [--scenario <name> | --all] [--env <env>] [--format human|json|markdown] [--timing]
// npm run --silent drill -- --scenario-file <file> [--env <env>] [--format human|json|markdown]
//   The lifecycle drill: both regions, clients, Route 53, Aurora and the state machine over a whole
//   scenario (tooling/drill/scenarios/*.json, or a file of your own), checked against the invariants.
//   Exits 1 when any invariant is violated, 2 on bad input.
import { choice, parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { moduleDefaults, planFigures } from '../drill/figures.ts';
import { runLifecycleCli } from '../drill/lifecycle/cli.ts';
import { formatResult, formatTimingModel } from '../drill/report.ts';
import { runScenario } from '../drill/run.ts';
import { SCENARIOS, scenarioNamed } from '../drill/scenarios.ts';

await runCli('drill', async () => {
  const args = parseArgs(process.argv.slice(2), { values: ['scenario', 'env', 'scenario-file', 'format'], flags: ['all', 'timing', 'lifecycle'] });
  if (args.help) {
    console.log(
      [
        'usage: npm run --silent drill -- [--scenario <name> | --all] [--env <env>] [--timing]',
        '       npm run --silent drill -- --lifecycle [--scenario <name> | --all] [--env <env>] [--format human|json|markdown] [--timing]',
        '       npm run --silent drill -- --scenario-file <file> [--env <env>] [--format human|json|markdown]',
      ].join('\n'),
    );
    return 0;
  }
  if (args.positionals.length) throw new UserError(`Unknown argument ${args.positionals[0]}: use --scenario <name>, --all, --lifecycle, --scenario-file <file>, --env <env>, --format or --timing.`);
  const name = args.values.get('scenario');
  const file = args.values.get('scenario-file');
  const env = args.values.get('env');
  if (name !== undefined && args.flags.has('all')) throw new UserError('Give either --scenario <name> or --all, not both.');
  if (file !== undefined && (name !== undefined || args.flags.has('all'))) throw new UserError('Give either --scenario-file <file> or --scenario/--all, not both.');

  if (file !== undefined || args.flags.has('lifecycle')) {
    const format = choice(args, 'format', ['human', 'json', 'markdown'] as const, 'human');
    if (args.flags.has('timing') && format !== 'human') throw new UserError('--timing prints a table, so it only goes with --format human.');
    return runLifecycleCli(
      { ...(file !== undefined ? { file } : {}), names: name !== undefined ? [name] : [], ...(env !== undefined ? { env } : {}), format, timing: args.flags.has('timing') },
      (s) => console.log(s),
    );
  }

  if (args.values.has('format') && args.values.get('format') !== 'human') throw new UserError('--format json and markdown are for the lifecycle drill: add --lifecycle or --scenario-file <file>.');
  let selected = SCENARIOS;
  if (name !== undefined) {
    const s = scenarioNamed(name);
    if (!s) throw new UserError(`Unknown scenario "${name}": choose one of ${SCENARIOS.map((x) => x.name).join(', ')}.`);
    selected = [s];
  }
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
