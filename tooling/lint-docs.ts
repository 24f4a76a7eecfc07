#!/usr/bin/env -S npx tsx
// Writes docs/rules.md from the rule catalog; --check exits 1 when the committed file is stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guarded, parseArgs, processIo } from './lib/lint/cli.ts';
import { renderRulesMarkdown } from './lib/lint/rules-md.ts';
import { repoRoot } from './lib/terraform.ts';

process.exitCode = await guarded('lint-docs', processIo, () => {
  const args = parseArgs(process.argv.slice(2), [], ['check']);
  const file = join(repoRoot, 'docs', 'rules.md');
  const text = renderRulesMarkdown();
  if (args.flags.has('check')) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === text) return 0;
    process.stderr.write('lint-docs: docs/rules.md is stale: run npx tsx tooling/lint-docs.ts\n');
    return 1;
  }
  mkdirSync(join(repoRoot, 'docs'), { recursive: true });
  writeFileSync(file, text);
  return 0;
});
