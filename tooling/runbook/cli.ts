// The runbook's commands: make failover, make approve, make reject, make status. Each reads
// environments/<env>/terraform.tfvars (never Terraform state) and calls AWS only through the injected
// clients, each bound to a named region. Exit 0 done, 1 status found no region answering, 2 bad input
// or a refusal (one line on stderr, no stack trace). tooling/bin/*.ts pass the real clients.
import { parseArgs } from '../core/args.ts';
import { guarded, type Io } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { parseFailoverRequest, startRecovery } from '../failover/start.ts';
import { parseEnvironment } from '../terraform/workspace.ts';
import { identifyApprover, parseApprovalRequest, sendDecision, takeApprovalRequest, type Decision } from './approval.ts';
import type { RunbookClients } from './clients.ts';
import { checkAccount, loadRunbookEnvironment, regionResources, requireEnvironmentRegion } from './environment.ts';
import { parseStartOptions } from './start-options.ts';
import { collectStatus, formatStatus } from './status.ts';

export interface RunbookDeps {
  clients: () => RunbookClients;
  /** LIVE from the environment (make passes LIVE=1). */
  live?: string | undefined;
  root?: string;
  now?: () => Date;
}

function requireLive(args: { flags: Set<string> }, deps: RunbookDeps, refusal: string): void {
  if (!args.flags.has('live') && deps.live !== '1') throw new UserError(refusal);
}

function noPositionals(args: { positionals: string[] }, usage: string): void {
  if (args.positionals.length) throw new UserError(`Unexpected argument ${args.positionals[0]}: use ${usage}.`);
}

const FAILOVER_USAGE = 'failover --env <env> --mode switchover|failover --target <region> --reason "..." [--force --force-reason "..."] --live';

export function failoverCommand(argv: readonly string[], io: Io, deps: RunbookDeps): Promise<number> {
  return guarded('failover', io, async () => {
    const args = parseArgs(argv, { values: ['env', 'mode', 'target', 'reason', 'force-reason'], flags: ['live', 'force'] });
    if (args.help) {
      io.stdout(`Usage: ${FAILOVER_USAGE}\nStarts a recovery with the state machine of the TARGET region; calls only that region. A failover while the old region is seen healthy is refused unless --force with --force-reason.\n`);
      return 0;
    }
    noPositionals(args, FAILOVER_USAGE);
    requireLive(args, deps, 'make failover starts a real recovery in AWS, so it only runs live: add LIVE=1 (with credentials) or use `npm run drill` to rehearse offline.');
    const request = parseFailoverRequest({ env: args.values.get('env'), mode: args.values.get('mode'), target: args.values.get('target'), reason: args.values.get('reason') });
    const options = parseStartOptions(request.mode, args.flags.has('force'), args.values.get('force-reason'));
    const env = await loadRunbookEnvironment(request.env, deps.root ?? repoRoot);
    const started = await startRecovery(env, request, deps.clients(), (deps.now ?? (() => new Date()))(), options);
    const approval = env.requireApproval
      ? `${request.env} needs an approval by another person, as the recovery approver role (the request waits in ${request.target}'s approval queue):\n` +
        `  make approve ENV=${request.env} EXECUTION=${started.executionArn} BY="<approver>" REASON="<why>" LIVE=1   (or make reject ...)\n`
      : '';
    io.stdout(
      `Started ${request.mode} into ${request.target} (${request.env}): ${started.executionArn}\n` +
        `Started by ${started.startedBy ?? 'an unnamed caller'}${options.force ? `; FORCED: ${options.forceReason}` : ''}\n${approval}` +
        `Follow it: make status ENV=${request.env} LIVE=1, or aws stepfunctions describe-execution --region ${request.target} --execution-arn ${started.executionArn}\n`,
    );
    return 0;
  });
}

const approvalUsage = (d: Decision) => `${d} --env <env> --execution <execution ARN> [--region <region>] --by "<who>" --reason "<why>" --live`;

export function approvalCommand(decision: Decision, argv: readonly string[], io: Io, deps: RunbookDeps): Promise<number> {
  return guarded(decision, io, async () => {
    const args = parseArgs(argv, { values: ['env', 'region', 'token', 'by', 'reason', 'execution'], flags: ['live'] });
    if (args.help) {
      io.stdout(`Usage: ${approvalUsage(decision)}\n${decision === 'approve' ? 'Approves' : 'Rejects'} the recovery EXECUTION, which waits in its region: takes its request (the task token) from that region's approval queue, which only the approver role reads, answers, and deletes it.\n`);
      return 0;
    }
    noPositionals(args, approvalUsage(decision));
    requireLive(args, deps, `make ${decision} answers a real recovery in AWS, so it only runs live: add LIVE=1 (with credentials).`);
    const request = parseApprovalRequest(decision, {
      env: args.values.get('env'),
      region: args.values.get('region'),
      token: args.values.get('token'),
      by: args.values.get('by'),
      reason: args.values.get('reason'),
      execution: args.values.get('execution'),
    });
    const env = await loadRunbookEnvironment(request.env, deps.root ?? repoRoot);
    requireEnvironmentRegion(env, request.region, 'REGION');
    const clients = deps.clients();
    const identified = await identifyApprover(clients, request);
    const account = checkAccount(env, identified.account, identified.approverArn);
    const pending = await takeApprovalRequest(clients.sqs(request.region), identified, regionResources(env, request.region, account).approvalQueueUrl);
    io.stdout(await sendDecision({ sfn: clients.sfn(request.region), sqs: clients.sqs(request.region) }, identified, pending, (deps.now ?? (() => new Date()))()));
    return 0;
  });
}

const STATUS_USAGE = 'status --env <env> --live [--json]';

export function statusCommand(argv: readonly string[], io: Io, deps: RunbookDeps): Promise<number> {
  return guarded('status', io, async () => {
    const args = parseArgs(argv, { values: ['env'], flags: ['live', 'json'] });
    if (args.help) {
      io.stdout(`Usage: ${STATUS_USAGE}\nThe authority, the writer, replication lag, serving flags, running recoveries and queue depths, from whichever region answers.\n`);
      return 0;
    }
    noPositionals(args, STATUS_USAGE);
    const envName = parseEnvironment(args.values.get('env'));
    requireLive(args, deps, `make status reads AWS with your credentials, so it only runs live: make status ENV=${envName} LIVE=1.`);
    const env = await loadRunbookEnvironment(envName, deps.root ?? repoRoot);
    const report = await collectStatus(env, deps.clients(), (deps.now ?? (() => new Date()))());
    for (const r of report.regions) if (r.account.ok) checkAccount(env, r.account.value, `STS in ${r.region}`);
    io.stdout(args.flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
    return report.regions.some((r) => r.reachable) ? 0 : 1;
  });
}
