#!/usr/bin/env -S npx tsx
// make bootstrap-state ENV=<env> LIVE=1 | make bootstrap-dns ENV=<env> LIVE=1
//   state: the account's state buckets (bootstrap/state, local state, one workspace per account);
//          prints each environment's backend.hcl.
//   dns:   the environment's hosted zone (bootstrap/dns, state in the environment's bucket); prints
//          the name servers to delegate and the next step.
// Plans, shows the plan, asks to type the environment name (APPLY_CONFIRM=<env> when not a
// terminal), applies exactly that plan. Never runs offline.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { $, type ProcessOutput, type ProcessPromise } from 'zx';
import { dnsNextSteps, dnsRun, stateNextSteps, stateRun, varArgs } from '../bootstrap/inputs.ts';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { loadEnvironment } from '../preflight/environment.ts';
import { ENVIRONMENTS, findMirror, parseEnvironment, requireTerraform, terraformEnv, writeCliConfig } from '../terraform/workspace.ts';

await runCli('bootstrap', async () => {
  const args = parseArgs(process.argv.slice(2), { values: ['env'], flags: ['live'] });
  const [what, ...rest] = args.positionals;
  if ((what !== 'state' && what !== 'dns') || rest.length) throw new UserError('Usage: bootstrap state|dns --env <env> --live (make bootstrap-state | bootstrap-dns ENV=<env> LIVE=1).');
  const envName = parseEnvironment(args.values.get('env'));
  if (!args.flags.has('live') && process.env.LIVE !== '1') {
    throw new UserError(`make bootstrap-${what} creates resources in AWS, so it only runs live: make bootstrap-${what} ENV=${envName} LIVE=1.`);
  }
  const env = await loadEnvironment(envName);
  const run = what === 'state' ? stateRun(env, await Promise.all(ENVIRONMENTS.map((e) => loadEnvironment(e)))) : dnsRun(env);

  const bin = await requireTerraform();
  const cliConfig = process.env.TF_CLI_CONFIG_FILE && existsSync(process.env.TF_CLI_CONFIG_FILE) ? process.env.TF_CLI_CONFIG_FILE : writeCliConfig(await findMirror());
  const id = what === 'state' ? `bootstrap-state-${env.accountId}` : `bootstrap-dns-${envName}`;
  const vars = terraformEnv(cliConfig, id, 'live');
  const cwd = join(repoRoot, run.dir);
  const tf = $({ cwd, env: vars, nothrow: true, quiet: true });
  const must = async (step: string, p: ProcessPromise): Promise<ProcessOutput> => {
    const r = await p;
    if (r.exitCode !== 0) throw new UserError(`terraform ${step} failed in ${run.dir}:\n${r.stderr.trim() || r.stdout.trim()}`);
    return r;
  };

  await must('init', tf`${bin} init -input=false -reconfigure -lockfile=readonly ${run.backendConfig.map((a) => a.replace(`=${env.files.backend}`, `=${join(repoRoot, env.files.backend)}`))}`);
  if (run.workspace) await must('workspace select', tf`${bin} workspace select -or-create=true ${run.workspace}`);
  const planDir = join(repoRoot, 'build', 'plans');
  mkdirSync(planDir, { recursive: true });
  const planFile = join(planDir, `${id}.tfplan`);
  const plan = await $({ cwd, env: vars, nothrow: true, stdio: 'inherit' })`${bin} plan -input=false -out=${planFile} ${varArgs(run.vars)}`;
  if (plan.exitCode !== 0) throw new UserError(`terraform plan failed in ${run.dir} (see above).`);

  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Type "${envName}" to apply this plan: `);
    rl.close();
    if (answer.trim() !== envName) throw new UserError('Bootstrap cancelled: the confirmation did not match.');
  } else if (process.env.APPLY_CONFIRM !== envName) {
    throw new UserError(`Non-interactive bootstrap needs APPLY_CONFIRM=${envName}.`);
  }
  const apply = await $({ cwd, env: vars, nothrow: true, stdio: 'inherit' })`${bin} apply -input=false ${planFile}`;
  if (apply.exitCode !== 0) return apply.exitCode ?? 1;

  const outputs = JSON.parse((await must('output', tf`${bin} output -json`)).stdout) as Record<string, { value: unknown }>;
  const value = <T>(name: string) => outputs[name]?.value as T;
  process.stdout.write(what === 'state'
    ? stateNextSteps({ backend_hcl: value('backend_hcl'), backend_hcl_replica: value('backend_hcl_replica') })
    : dnsNextSteps(env, { zone_id: value('zone_id'), name_servers: value('name_servers'), parent_zone_records: value('parent_zone_records') }));
  return 0;
});
