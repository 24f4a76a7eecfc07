#!/usr/bin/env -S npx tsx
// make apply ENV=<env> LIVE=1: plan against the real backend and account, show the summary, apply
// exactly that saved plan. Never runs offline and never in tests.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { $ } from 'zx';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { formatSummary, summarise } from '../terraform/plan-summary.ts';
import { parseEnvironment, planAndShow, prepare } from '../terraform/workspace.ts';
import { UserError } from '../core/errors.ts';
import { type PlanDocument } from '../terraform/plan-json.ts';

await runCli('apply', async () => {
  const args = parseArgs(process.argv.slice(2), { values: ['env'] });
  const env = parseEnvironment(args.values.get('env') ?? process.env.ENV);
  const ws = await prepare(env, 'live');
  const result = await planAndShow(ws);
  console.log(formatSummary(summarise(JSON.parse(readFileSync(result.jsonFile, 'utf8')) as PlanDocument)));
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Type "${env}" to apply this plan: `);
    rl.close();
    if (answer.trim() !== env) throw new UserError('Apply cancelled: the confirmation did not match.');
  } else if (process.env.APPLY_CONFIRM !== env) {
    throw new UserError(`Non-interactive apply needs APPLY_CONFIRM=${env}.`);
  }
  const apply = await $({ cwd: ws.dir, env: ws.vars, nothrow: true, stdio: 'inherit' })`${ws.bin} apply -input=false ${result.planFile}`;
  return apply.exitCode ?? 1;
});
