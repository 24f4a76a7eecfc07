#!/usr/bin/env -S npx tsx
// npm run --silent hcl-lint -- [paths...] [--format ...] [--fail-on ...]
import { hclLintMain } from '../lint/hcl-lint.ts';

process.exitCode = await hclLintMain(process.argv.slice(2));
