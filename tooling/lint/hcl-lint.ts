// hcl-lint's command line, importable for in-process tests. Same formats and exit codes as plan-lint.
import { guarded, processIo, type Io } from '../core/cli.ts';
import { parseLintArgs, render } from './cli.ts';
import { countBySeverity, failing, sortFindings } from './findings.ts';
import { lintHcl } from './hcl/engine.ts';
import type { LintReport } from './types.ts';
import { repoRoot } from '../core/paths.ts';

export const HCL_LINT_USAGE = `usage: npm run --silent hcl-lint -- [paths...] [--format human|json|sarif|markdown]
                                  [--fail-on low|medium|high|critical]
Parses modules/ (with inner modules) and environments/, or the given directories, and checks layout,
variables, pins and hard-coded regions/accounts. Exit 0: clean at --fail-on (default high); 1: findings; 2: usage error.
`;

export async function hclLintMain(argv: string[], io: Io = processIo, root = repoRoot): Promise<number> {
  return guarded('hcl-lint', io, async () => {
    const args = parseLintArgs(argv);
    if (args.help) {
      io.stdout(HCL_LINT_USAGE);
      return 0;
    }
    const started = performance.now();
    const result = await lintHcl(root, args.positionals);
    const findings = sortFindings(result.findings);
    const report: LintReport = {
      summary: {
        tool: 'hcl-lint',
        input: args.positionals.length ? args.positionals.join(' ') : 'modules environments',
        checked: result.files,
        checkedLabel: 'files',
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        counts: countBySeverity(findings),
        suppressed: 0,
        failOn: args.failOn,
        failed: failing(findings, args.failOn),
      },
      findings,
      budget: null,
    };
    io.stdout(render(report, args.format));
    return report.summary.failed ? 1 : 0;
  });
}
