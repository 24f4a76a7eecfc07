// No value the repository ships as a stand-in is left in the inputs of a live apply. Comments are not
// values (the HCL parser drops them), so the notes that explain the placeholders do not count.
import type { HclValue } from '../../terraform/hcl.ts';
import { fail, pass, type PreflightCheck } from '../check.ts';

const CHECK = 'placeholders';

/** What counts as a placeholder, and why. */
export const PLACEHOLDERS: readonly { test: (s: string) => boolean; label: string }[] = [
  { test: (s) => s.includes('000000000000'), label: '000000000000 (not an account)' },
  { test: (s) => s.includes('111122223333'), label: '111122223333 (AWS documentation account)' },
  { test: (s) => /(^|[^a-z0-9-])example\.(com|org|net)\b/i.test(s), label: 'example.com (reserved for documentation)' },
  { test: (s) => /^<[^>]+>$/.test(s.trim()), label: 'an unfilled <...> value' },
];

export interface PlaceholderFinding {
  file: string;
  path: string;
  value: string;
  label: string;
}

export function findPlaceholders(file: string, values: HclValue, path = ''): PlaceholderFinding[] {
  if (typeof values === 'string') {
    return PLACEHOLDERS.filter((p) => p.test(values)).map((p) => ({ file, path: path || '(value)', value: values, label: p.label }));
  }
  if (Array.isArray(values)) return values.flatMap((v, i) => findPlaceholders(file, v, `${path}[${i}]`));
  if (values && typeof values === 'object') {
    return Object.entries(values).flatMap(([k, v]) => findPlaceholders(file, v, path ? `${path}.${k}` : k));
  }
  return [];
}

export const placeholders: PreflightCheck = {
  name: CHECK,
  actions: [],
  async run(env) {
    const found = env.sources.flatMap((s) => findPlaceholders(s.file, s.values));
    if (!found.length) return [pass(CHECK, `no placeholder value in ${env.sources.map((s) => s.file).join(', ')}`)];
    const files = [...new Set(found.map((f) => f.file))];
    return [fail(CHECK, found.map((f) => `${f.file}: ${f.path} = "${f.value}" is ${f.label}`).join('; '),
      `set the real values in ${files.join(' and ')}: the account IDs, the firm's zone and the state bucket`)];
  },
};
