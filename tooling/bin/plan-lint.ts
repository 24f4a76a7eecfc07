#!/usr/bin/env -S npx tsx
// npm run --silent plan-lint -- <plan.json> [--format ...] [--fail-on ...] [--suppressions <file>]
import { planLintMain } from '../lint/plan-lint.ts';

process.exitCode = await planLintMain(process.argv.slice(2));
