// The tooling's one error type. A UserError's message is a complete sentence for the person at the
// keyboard; the command line prints it as one line and exits 2. Anything else is a bug.

export class UserError extends Error {
  override name = 'UserError';
}

/** One line, whatever the error: a UserError as it is, anything else marked internal. */
export function oneLine(tool: string, err: unknown): string {
  const raw = err instanceof UserError
    ? `${tool}: error: ${err.message}`
    : `${tool}: internal error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} (please report this with the input that caused it)`;
  return `${raw.replace(/\s*\r?\n\s*/g, ' ').trim()}\n`;
}
