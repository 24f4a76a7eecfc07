#!/usr/bin/env -S npx tsx
// Writes docs/rules.md from the rule catalog; --check exits 1 when the committed file is stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { renderRulesMarkdown } from '../lint/rules-doc.ts';
import { repoRoot } from '../core/paths.ts';

await runCli('rules-doc', () => {
  const args = parseArgs(process.argv.slice(2), { flags: ['check'] });
  const file = join(repoRoot, 'docs', 'rules.md');
  const text = renderRulesMarkdown();
  if (args.flags.has('check')) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === text) return 0;
    process.stderr.write('rules-doc: docs/rules.md is stale: run npm run --silent rules-doc\n');
    return 1;
  }
  mkdirSync(join(repoRoot, 'docs'), { recursive: true });
  writeFileSync(file, text);
  return 0;
});
