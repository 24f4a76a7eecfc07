// The one argument parser of every command: `--flag value`, `--flag=value`, boolean `--flag`, `--`
// and positionals. Unknown options and missing values are UserErrors naming the option.
import { UserError } from './errors.ts';

export interface ArgSpec {
  /** Options that take a value. */
  values?: readonly string[];
  /** Options that take none. */
  flags?: readonly string[];
}

export interface Args {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
  help: boolean;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): Args {
  const valueNames = spec.values ?? [];
  const flagNames = spec.flags ?? [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') {
      help = true;
      continue;
    }
    if (!a.startsWith('--')) {
      if (a.startsWith('-') && a.length > 1) throw new UserError(`Unknown option ${a}: use ${describe(spec)}.`);
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (flagNames.includes(name)) {
      if (eq !== -1) throw new UserError(`--${name} takes no value.`);
      flags.add(name);
      continue;
    }
    if (!valueNames.includes(name)) throw new UserError(`Unknown option --${name}: use ${describe(spec)}.`);
    const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) throw new UserError(`--${name} needs a value.`);
    values.set(name, value);
  }
  return { positionals, values, flags, help };
}

/** A value that must be one of `choices`, or `fallback` when absent. */
export function choice<T extends string>(args: Args, name: string, choices: readonly T[], fallback: T): T {
  const v = args.values.get(name) ?? fallback;
  if (!(choices as readonly string[]).includes(v)) throw new UserError(`Unknown --${name} ${v}: use one of ${choices.join(', ')}.`);
  return v as T;
}

/** A whole number within [min, max], or `fallback` when absent. */
export function integer(args: Args, name: string, min: number, max: number, fallback: number): number {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UserError(`--${name} needs a whole number from ${min} to ${max}, got ${v}.`);
  return Number(v);
}

function describe(spec: ArgSpec): string {
  const all = [...(spec.values ?? []), ...(spec.flags ?? [])].map((f) => `--${f}`);
  return all.length ? all.join(', ') : 'no options';
}
