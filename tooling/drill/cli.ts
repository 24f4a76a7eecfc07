// The drill's command line, shared by tooling/bin/drill.ts and the tests:
//   --scenario <name> | --all [--env <env>] [--timing]: the state-machine drill (scripted AWS answers);
//   --lifecycle [--scenario <name> | --all] or --scenario-file <file>, [--env <env>]
//   [--format human|json|markdown] [--timing]: the lifecycle drill.
// Bad input throws a UserError (one line, exit 2 through runCli); the result is the exit code.
import { choice, parseArgs } from '../core/args.ts';
import { UserError } from '../core/errors.ts';
import { moduleDefaults, planFigures } from './figures.ts';
import { runLifecycleCli } from './lifecycle/cli.ts';
import { formatResult, formatTimingModel } from './report.ts';
import { runScenario } from './run.ts';
import { SCENARIOS, scenarioNamed } from './scenarios.ts';

export const USAGE = [
  'usage: npm run --silent drill -- [--scenario <name> | --all] [--env <env>] [--timing]',
  '       npm run --silent drill -- --lifecycle [--scenario <name> | --all] [--env <env>] [--format human|json|markdown] [--timing]',
  '       npm run --silent drill -- --scenario-file <file> [--env <env>] [--format human|json|markdown]',
].join('\n');

export async function drillCommand(argv: readonly string[], print: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, { values: ['scenario', 'env', 'scenario-file', 'format'], flags: ['all', 'timing', 'lifecycle'] });
  if (args.help) {
    print(USAGE);
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
      print,
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
  print(`Failover drill: ${selected.length} scenario(s), figures from ${figures.source}\n`);
  if (args.flags.has('timing')) print(`${formatTimingModel()}\n`);

  let failed = 0;
  for (const scenario of selected) {
    const result = await runScenario(scenario, figures);
    if (result.mismatches.length || result.problems.length) failed++;
    print(`${formatResult(result)}\n`);
  }
  print(`${selected.length - failed}/${selected.length} scenarios behaved as expected.`);
  return failed ? 1 : 0;
}
