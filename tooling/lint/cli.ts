// What plan-lint and hcl-lint share on the command line: --format and --fail-on on top of the one
// argument parser, and rendering a report in the chosen format.
import { choice, parseArgs, type Args } from '../core/args.ts';
import { formatHuman } from './format/human.ts';
import { formatJson } from './format/json.ts';
import { formatMarkdown } from './format/markdown.ts';
import { formatSarif } from './format/sarif.ts';
import { FAIL_ON, type FailOn, type LintReport } from './types.ts';

export const FORMATS = ['human', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const TOOL_VERSION = '1.0.0';

export interface LintArgs extends Args {
  format: Format;
  failOn: FailOn;
}

/** Parses a lint command line: --format and --fail-on plus the command's own `values`. */
export function parseLintArgs(argv: readonly string[], values: readonly string[] = []): LintArgs {
  const args = parseArgs(argv, { values: ['format', 'fail-on', ...values] });
  return { ...args, format: choice(args, 'format', FORMATS, 'human'), failOn: choice(args, 'fail-on', FAIL_ON, 'high') };
}

export function render(report: LintReport, format: Format): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, TOOL_VERSION);
    case 'markdown':
      return formatMarkdown(report);
    default:
      return formatHuman(report);
  }
}
