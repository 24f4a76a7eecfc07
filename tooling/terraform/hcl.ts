// The one adapter around @cdktf/hcl2json (exact pin 0.21.0; the package comes from the deprecated CDKTF
// project, so nothing else imports it). Blocks come back as arrays of bodies, expressions as "${...}"
// strings, comments are dropped, and there are no source positions.
import { parse } from '@cdktf/hcl2json';
import { UserError } from '../core/errors.ts';

export type HclValue = null | boolean | number | string | HclValue[] | { [k: string]: HclValue };
export type HclBody = { [k: string]: HclValue };
export type HclDocument = { [blockType: string]: HclValue };

/** A file that does not parse: `detail` is Terraform's own diagnostic (file:line,col: message). */
export class HclSyntaxError extends UserError {
  override name = 'HclSyntaxError';
  constructor(readonly file: string, readonly detail: string) {
    super(`${file} does not parse: ${detail}`);
  }
}

export async function parseHcl(fileName: string, source: string): Promise<HclDocument> {
  try {
    return (await parse(fileName, source)) as HclDocument;
  } catch (err) {
    const text = (err instanceof Error ? err.message : String(err)).replace(/^parse config: \[?/, '').replace(/\]$/, '').replace(/\s+/g, ' ').trim();
    throw new HclSyntaxError(fileName, text);
  }
}

/** Labelled blocks of one type: `variable "x" {}` -> [{ name: 'x', body }]. */
export function labelled(doc: HclDocument, type: string): { name: string; body: HclBody }[] {
  const group = doc[type];
  if (!group || typeof group !== 'object' || Array.isArray(group)) return [];
  const out: { name: string; body: HclBody }[] = [];
  for (const [name, bodies] of Object.entries(group)) {
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
      if (body && typeof body === 'object' && !Array.isArray(body)) out.push({ name, body: body as HclBody });
    }
  }
  return out;
}

/** Unlabelled blocks (terraform, locals): their bodies. */
export function bodies(doc: HclDocument, type: string): HclBody[] {
  const group = doc[type];
  return (Array.isArray(group) ? group : group ? [group] : []).filter((b): b is HclBody => !!b && typeof b === 'object' && !Array.isArray(b));
}

/** `"${string}"` -> `string`; other strings unchanged. */
export function expressionText(v: HclValue | undefined): string | undefined {
  if (typeof v !== 'string') return v === undefined ? undefined : JSON.stringify(v);
  const m = /^\$\{([\s\S]*)\}$/.exec(v);
  return (m ? m[1]! : v).trim();
}
