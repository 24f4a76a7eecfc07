// Every command's wrapper: its outcome becomes an exit code, and any failure one line on stderr
// (exit 2). A UserError prints as it is; anything else is marked internal. No stack trace reaches
// the terminal; set TOOLING_DEBUG=1 to see one.
import { oneLine } from './errors.ts';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** Runs `body` and returns its exit code; a thrown error becomes one line on stderr and 2. */
export async function guarded(tool: string, io: Io, body: () => Promise<number | void> | number | void): Promise<number> {
  try {
    return (await body()) ?? 0;
  } catch (err) {
    io.stderr(oneLine(tool, err));
    if (process.env.TOOLING_DEBUG === '1' && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
}

/** The entry point of a bin/ script: sets process.exitCode from `guarded`. */
export async function runCli(tool: string, main: () => Promise<number | void> | number | void): Promise<void> {
  process.exitCode = await guarded(tool, processIo, main);
}
