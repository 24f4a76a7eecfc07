#!/usr/bin/env -S npx tsx
// npm run build:functions: bundles every functions/<name>/handler.ts into build/functions/<name>.zip.
import { runCli } from './lib/cli.ts';
import { buildAll } from './lib/bundle.ts';

await runCli(async () => {
  const results = await buildAll();
  for (const r of results) console.log(`${r.name.padEnd(20)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB  sha256 ${r.sha256.slice(0, 16)}`);
});
