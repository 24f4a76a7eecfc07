// Shared entry-point wrapper: a UserError becomes one line on stderr and exit code 2; anything else
// is a bug and keeps its stack.
import { UserError } from './terraform.ts';

export async function runCli(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    process.exitCode = code ?? 0;
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
