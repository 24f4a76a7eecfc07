// plan-lint's command line, importable so tests can run it in-process with captured output.
import { readPlanFile } from './plan/load.ts';
import { lintPlan } from './engine.ts';
import { readSuppressions } from './suppressions.ts';
import { guarded, processIo, type Io } from '../core/cli.ts';
import { parseLintArgs, render } from './cli.ts';
import { UserError } from '../core/errors.ts';

export const PLAN_LINT_USAGE = `usage: npm run --silent plan-lint -- <plan.json> [--format human|json|sarif|markdown]
                                  [--fail-on low|medium|high|critical] [--suppressions <file>]
Lints the output of terraform show -json <planfile>. --suppressions names the waivers file
(lint-suppressions.json); the report lists every waiver in scope and what it suppressed. Exit 0: no
finding at or above --fail-on (default high) and no expired waiver; 1: findings at or above it, or an
expired waiver; 2: usage error, unreadable input or an invalid waiver.
`;

export async function planLintMain(argv: string[], io: Io = processIo, opts: { today?: string } = {}): Promise<number> {
  return guarded('plan-lint', io, () => {
    const args = parseLintArgs(argv, ['suppressions']);
    if (args.help) {
      io.stdout(PLAN_LINT_USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) {
      throw new UserError(args.positionals.length === 0
        ? 'Missing the plan file: npm run --silent plan-lint -- build/plans/<env>.json'
        : `Expected one plan file, got ${args.positionals.length}: ${args.positionals.join(' ')}.`);
    }
    const input = args.positionals[0]!;
    const suppressionsFile = args.values.get('suppressions');
    const suppressions = suppressionsFile ? readSuppressions(suppressionsFile) : undefined;
    const doc = readPlanFile(input);
    const report = lintPlan(doc, {
      input,
      failOn: args.failOn,
      ...(suppressions && suppressionsFile ? { suppressions, suppressionsFile } : {}),
      ...(opts.today ? { today: opts.today } : {}),
    });
    io.stdout(render(report, args.format));
    return report.summary.failed ? 1 : 0;
  });
}
