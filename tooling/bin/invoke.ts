#!/usr/bin/env -S npx tsx
// npm run --silent invoke -- <function> --event <file.json> [--report] [--repeat N]
//
// Runs the BUILT bundle (build/functions/<function>.zip, unpacked to a temp dir and imported) against
// local services started for this run: PostgreSQL, dynalite, s3rver and the SSM/SQS emulator. stdout
// carries only JSON: the handler's result (one document per run) and, with --report, the effects
// {"tradesInDb", "sessions", "auditObjects"}. Logs and metrics go to stderr.
import { runCli } from '../core/cli.ts';
import { invoke, parseInvokeArgs } from '../functions/invoke.ts';

await runCli('invoke', async () => {
  const code = await invoke(parseInvokeArgs(process.argv.slice(2)));
  return code;
});
