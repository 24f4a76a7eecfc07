#!/usr/bin/env -S npx tsx
// npm run docs [-- --check] [module dirs...]: regenerate (or check) each module README's inputs and
// outputs tables between <!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS -->, inner modules and the
// bootstrap roots included.
// --check exits 1 when any is stale.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { docsForModule } from '../docs/tf-docs.ts';
import { bootstrapDirs, moduleDirs } from '../terraform/modules.ts';
import { repoRoot } from '../core/paths.ts';

await runCli('docs', async () => {
  const args = parseArgs(process.argv.slice(2), { flags: ['check'] });
  const check = args.flags.has('check');
  const dirs = args.positionals.length
    ? args.positionals.map((p) => resolve(repoRoot, p))
    : [...moduleDirs(), ...bootstrapDirs()];
  let stale = 0;
  for (const dir of dirs) {
    const result = await docsForModule(dir, check, (file, text) => writeFileSync(file, text));
    const rel = relative(repoRoot, result.readme);
    if (result.status === 'stale' || result.status === 'missing') {
      stale++;
      process.stderr.write(`docs: ${rel} is ${result.status === 'stale' ? 'stale' : 'missing'}: run npm run docs\n`);
    } else if (result.status === 'updated') process.stdout.write(`docs: updated ${rel}\n`);
  }
  return stale ? 1 : 0;
});
