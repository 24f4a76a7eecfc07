#!/usr/bin/env -S npx tsx
// make failover ENV=<env> MODE=switchover|failover TARGET=<region> REASON="..." LIVE=1
// Starts a recovery in AWS: reads the state machine ARNs from the environment's live state and runs
// `aws stepfunctions start-execution` in the TARGET region. Never runs offline.
import { $ } from 'zx';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { parseFailoverRequest, startExecutionArgs, stateMachineFor } from '../failover/start.ts';
import { prepare } from '../terraform/workspace.ts';
import { UserError } from '../core/errors.ts';

await runCli('failover', async () => {
  const cli = parseArgs(process.argv.slice(2), { values: ['env', 'mode', 'target', 'reason'], flags: ['live'] });
  if (!cli.flags.has('live') && process.env.LIVE !== '1') {
    throw new UserError('make failover starts a real recovery in AWS, so it only runs live: add LIVE=1 (with credentials and backend.hcl) or use `npm run drill` to rehearse offline.');
  }
  const request = parseFailoverRequest({ env: cli.values.get('env'), mode: cli.values.get('mode'), target: cli.values.get('target'), reason: cli.values.get('reason') });
  const ws = await prepare(request.env, 'live');
  const out = await $({ cwd: ws.dir, env: ws.vars, nothrow: true, quiet: true })`${ws.bin} output -json failover_state_machine_arns`;
  if (out.exitCode !== 0) throw new UserError(`terraform output failed for ${request.env}: ${out.stderr.trim()}`);
  const arn = stateMachineFor(request.target, JSON.parse(out.stdout) as Record<string, string>);
  const args = startExecutionArgs(request, arn, new Date());
  console.log(`Starting ${request.mode} into ${request.target} (${request.env}): aws ${args.join(' ')}`);
  const started = await $({ nothrow: true })`aws ${args}`;
  if (started.exitCode !== 0) throw new UserError(`aws stepfunctions start-execution failed: ${started.stderr.trim()}`);
  console.log(`Follow it: aws stepfunctions describe-execution --region ${request.target} --execution-arn <executionArn above>`);
});
