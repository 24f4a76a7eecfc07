#!/usr/bin/env -S npx tsx
// make plan ENV=<env> [LIVE=1]: init, plan -out build/plans/<env>.tfplan, show -json, summary.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { argv } from 'zx';
import { runCli } from './lib/cli.ts';
import { formatSummary, summarise, type PlanDocument } from './lib/plan-summary.ts';
import { parseEnvironment, planAndShow, prepare, repoRoot, UserError } from './lib/terraform.ts';

await runCli(async () => {
  const env = parseEnvironment(argv.env ?? process.env.ENV);
  const live = Boolean(argv.live) || process.env.LIVE === '1';
  if (live && !process.env.TF_VAR_db_master_password) {
    throw new UserError('Live plans need TF_VAR_db_master_password (see modules/regional-stack/README.md, "Master password bootstrap").');
  }
  const ws = await prepare(env, live ? 'live' : 'offline');
  const result = await planAndShow(ws);
  const plan = JSON.parse(readFileSync(result.jsonFile, 'utf8')) as PlanDocument;
  console.log(`\n${env} (${ws.mode}) plan: ${relative(repoRoot, result.jsonFile)} in ${result.seconds.toFixed(1)} s\n`);
  console.log(formatSummary(summarise(plan)));
});
