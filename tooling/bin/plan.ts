#!/usr/bin/env -S npx tsx
// make plan ENV=<env> [LIVE=1]: init, plan -out build/plans/<env>.tfplan, show -json, summary.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { formatSummary, summarise } from '../terraform/plan-summary.ts';
import { parseEnvironment, planAndShow, prepare } from '../terraform/workspace.ts';
import { repoRoot } from '../core/paths.ts';
import { type PlanDocument } from '../terraform/plan-json.ts';

await runCli('plan', async () => {
  const args = parseArgs(process.argv.slice(2), { values: ['env'], flags: ['live'] });
  const env = parseEnvironment(args.values.get('env') ?? process.env.ENV);
  const live = args.flags.has('live') || process.env.LIVE === '1';
  const ws = await prepare(env, live ? 'live' : 'offline');
  const result = await planAndShow(ws);
  const plan = JSON.parse(readFileSync(result.jsonFile, 'utf8')) as PlanDocument;
  console.log(`\n${env} (${ws.mode}) plan: ${relative(repoRoot, result.jsonFile)} in ${result.seconds.toFixed(1)} s\n`);
  console.log(formatSummary(summarise(plan)));
});
