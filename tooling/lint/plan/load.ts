// Reads a `terraform show -json` plan document and refuses anything else with one sentence.
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../../core/errors.ts';

/** format_version majors this linter understands (0.x documents are Terraform 0.12-0.15 plans). */
const SUPPORTED_MAJORS = new Set(['0', '1']);

/**
 * Decodes bytes as UTF-8 or, when a byte-order mark says so, UTF-16 LE/BE. A UTF-16 file without a BOM
 * is recognised by its NUL bytes and refused: guessing its byte order could silently mangle values.
 */
export function decodeText(bytes: Buffer, file: string): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return bytes.subarray(3).toString('utf8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const probe = bytes.subarray(0, 64);
  if (probe.includes(0)) {
    throw new UserError(
      `${file} looks like UTF-16 without a byte-order mark: re-create it with terraform show -json > file (UTF-8).`,
    );
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw new UserError(`${file} is not valid UTF-8 text: it does not look like terraform show -json output.`);
  }
  return text;
}

export function readPlanFile(file: string): unknown {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a directory, not a plan JSON file.`);
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file} does not exist: pass the output of terraform show -json <planfile>.`);
    if (code === 'EACCES') throw new UserError(`${file} cannot be read (permission denied).`);
    throw new UserError(`${file} cannot be read: ${(err as Error).message}.`);
  }
  return parsePlanText(decodeText(bytes, file), file);
}

export function parsePlanText(text: string, file: string): unknown {
  if (text.trim() === '') throw new UserError(`${file} is empty: expected the output of terraform show -json <planfile>.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message.replace(/\s+/g, ' ');
    const truncated = /Unexpected end of JSON input|Unterminated|end of data/i.test(detail);
    throw new UserError(
      truncated
        ? `${file} is truncated JSON (${detail}): re-run terraform show -json and write the whole output.`
        : `${file} is not valid JSON (${detail}).`,
    );
  }
  validatePlanShape(doc, file);
  return doc;
}

/** Refuses JSON that is not a plan document, naming what is wrong. */
export function validatePlanShape(doc: unknown, file: string): void {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const kind = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`;
    throw new UserError(`${file} holds ${kind}, not a terraform show -json plan object.`);
  }
  const d = doc as Record<string, unknown>;
  const fv = d.format_version;
  if (typeof fv !== 'string' || !/^\d+\.\d+/.test(fv)) {
    throw new UserError(`${file} has no format_version: it is not terraform show -json output of a plan.`);
  }
  const major = fv.split('.')[0]!;
  if (!SUPPORTED_MAJORS.has(major)) {
    throw new UserError(`${file} has format_version ${fv}: plan-lint supports the 0.x and 1.x plan formats only.`);
  }
  const hasPlanParts = 'resource_changes' in d || 'planned_values' in d || 'configuration' in d;
  if (!hasPlanParts) {
    const hint = 'values' in d ? ' (it looks like a state file: pass a plan, terraform show -json <planfile>)' : '';
    throw new UserError(`${file} has no resource_changes, planned_values or configuration: not a plan${hint}.`);
  }
  if (d.resource_changes !== undefined && d.resource_changes !== null && !Array.isArray(d.resource_changes)) {
    throw new UserError(`${file} has a resource_changes value that is not a list: the plan document is corrupt.`);
  }
  for (const [i, rc] of ((d.resource_changes as unknown[]) ?? []).entries()) {
    const r = rc as Record<string, unknown> | null;
    if (!r || typeof r !== 'object' || typeof r.address !== 'string' || typeof r.type !== 'string') {
      throw new UserError(`${file} resource_changes[${i}] has no address or type: the plan document is corrupt.`);
    }
    const change = r.change as Record<string, unknown> | undefined;
    if (!change || typeof change !== 'object' || !Array.isArray(change.actions)) {
      throw new UserError(`${file} resource_changes[${i}] (${r.address}) has no change.actions: the plan document is corrupt.`);
    }
  }
}
