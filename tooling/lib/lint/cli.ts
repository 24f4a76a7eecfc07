// Argument parsing, output and exit codes shared by plan-lint and hcl-lint. Every failure becomes one
// line on stderr and exit 2; nothing below ever lets a stack trace reach the terminal.
import { RULES, HCL_RULES } from './catalog.ts';
import { formatHuman } from './format/human.ts';
import { formatJson } from './format/json.ts';
import { formatMarkdown } from './format/markdown.ts';
import { formatSarif } from './format/sarif.ts';
import { FAIL_ON, LintUsageError, type FailOn, type LintReport } from './types.ts';

export const FORMATS = ['human', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const TOOL_VERSION = '1.0.0';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export interface ParsedArgs {
  positionals: string[];
  format: Format;
  failOn: FailOn;
  suppressions?: string;
  help: boolean;
  flags: Map<string, string | true>;
}

/** Parses `--flag value`, `--flag=value` and positionals; `valueFlags` take a value, `boolFlags` none. */
export function parseArgs(argv: string[], valueFlags: string[], boolFlags: string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') {
      flags.set('help', true);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq === -1 ? undefined : eq);
      if (boolFlags.includes(name)) {
        if (eq !== -1) throw new LintUsageError(`--${name} takes no value.`);
        flags.set(name, true);
        continue;
      }
      if (!valueFlags.includes(name)) throw new LintUsageError(`Unknown option ${a.slice(0, eq === -1 ? undefined : eq)}: use ${[...valueFlags, ...boolFlags].map((f) => `--${f}`).join(', ')}.`);
      const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) throw new LintUsageError(`--${name} needs a value.`);
      flags.set(name, value);
      continue;
    }
    positionals.push(a);
  }
  const format = (flags.get('format') ?? 'human') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new LintUsageError(`Unknown --format ${format}: use one of ${FORMATS.join(', ')}.`);
  const failOn = (flags.get('fail-on') ?? 'high') as string;
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new LintUsageError(`Unknown --fail-on ${failOn}: use one of ${FAIL_ON.join(', ')}.`);
  const suppressions = flags.get('suppressions');
  return {
    positionals,
    format: format as Format,
    failOn: failOn as FailOn,
    ...(typeof suppressions === 'string' ? { suppressions } : {}),
    help: flags.has('help'),
    flags,
  };
}

export function render(report: LintReport, format: Format): string {
  const rules = report.summary.tool === 'plan-lint' ? RULES : HCL_RULES;
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, rules, TOOL_VERSION);
    case 'markdown':
      return formatMarkdown(report);
    default:
      return formatHuman(report);
  }
}

/** One line, whatever the error: usage errors as they are, anything else marked internal. */
export function oneLine(tool: string, err: unknown): string {
  const raw = err instanceof LintUsageError
    ? `${tool}: error: ${err.message}`
    : `${tool}: internal error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} (please report this with the input that caused it)`;
  return `${raw.replace(/\s*\r?\n\s*/g, ' ').trim()}\n`;
}

/** Runs `body`, maps its outcome to an exit code, and guarantees the one-line contract on failure. */
export async function guarded(tool: string, io: Io, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    io.stderr(oneLine(tool, err));
    return 2;
  }
}
