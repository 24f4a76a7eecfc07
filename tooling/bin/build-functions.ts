#!/usr/bin/env -S npx tsx
// npm run build:functions: bundles every functions/<name>/handler.ts into build/functions/<name>.zip
// (deterministic; see tooling/functions/bundle.ts) and refuses a zip of 1 MB or more.
import { runCli } from '../core/cli.ts';
import { MAX_ZIP_BYTES, buildAll } from '../functions/bundle.ts';
import { UserError } from '../core/errors.ts';

await runCli('build:functions', async () => {
  const results = await buildAll();
  for (const r of results) console.log(`${r.name.padEnd(20)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB  sha256 ${r.sha256}`);
  const big = results.filter((r) => r.bytes >= MAX_ZIP_BYTES);
  if (big.length > 0) {
    throw new UserError(`${big.map((r) => `${r.name}.zip is ${(r.bytes / 1024).toFixed(0)} KiB`).join(', ')}; the limit is ${MAX_ZIP_BYTES / 1024} KiB (see docs/decisions/001-bundling-aws-sdk.md)`);
  }
});
