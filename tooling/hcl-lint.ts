#!/usr/bin/env -S npx tsx
// npm run --silent hcl-lint -- [paths...] [--format ...] [--fail-on ...]
import { hclLintMain } from './lib/lint/hcl-lint-main.ts';

process.exitCode = await hclLintMain(process.argv.slice(2));
