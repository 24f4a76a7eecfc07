// Shared by the HCL rules: the standard module files, and the strings of a file outside prose.
import type { HclValue } from '../../../terraform/hcl.ts';

/** The files every module has besides its resources (HCL001). */
export const LAYOUT = ['variables.tf', 'outputs.tf', 'versions.tf'];

// Prose, not configuration: a description may say "e.g. us-east-1".
const PROSE_KEYS = new Set(['description', 'error_message']);

/** Every string of a parsed file, except descriptions and error messages. */
export function configStrings(v: HclValue, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) configStrings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!PROSE_KEYS.has(k)) configStrings(x, out);
  return out;
}

/** True when `key` is an attribute or block name anywhere in the value. */
export function hasKey(v: HclValue, key: string): boolean {
  if (Array.isArray(v)) return v.some((x) => hasKey(x, key));
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k === key || hasKey(x, key));
  return false;
}
