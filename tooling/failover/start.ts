// `make failover`: turns ENV/MODE/TARGET/REASON into the StartExecution call that starts a recovery in
// the target region's state machine. Needs no Terraform state and never calls the region being left:
// the state machine's ARN comes from the modules' naming convention (tooling/runbook/environment.ts)
// and the account from STS in the TARGET region. Pure functions and the one call here;
// tooling/runbook/cli.ts wires them, tooling/bin/failover.ts makes the real clients.
import { StartExecutionCommand, type SFNClient, type StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../core/errors.ts';
import { parseEnvironment, type Environment } from '../terraform/workspace.ts';
import { checkAccount, REGION, regionResources, requireEnvironmentRegion, type RunbookEnvironment } from '../runbook/environment.ts';
import type { StartOptions } from '../runbook/start-options.ts';

export const MODES = ['switchover', 'failover'] as const;
export type Mode = (typeof MODES)[number];

export interface FailoverRequest {
  env: Environment;
  mode: Mode;
  target: string;
  reason: string;
}

export function parseFailoverRequest(args: { env?: unknown; mode?: unknown; target?: unknown; reason?: unknown }): FailoverRequest {
  const env = parseEnvironment(typeof args.env === 'string' ? args.env : undefined);
  const mode = String(args.mode ?? '');
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UserError(`MODE must be switchover (planned, both regions healthy, RPO 0) or failover (unplanned, may lose the replication lag); got "${mode}".`);
  }
  const target = String(args.target ?? '');
  if (!REGION.test(target)) throw new UserError(`TARGET must be the region to activate, such as us-east-2; got "${target}".`);
  const reason = typeof args.reason === 'string' ? args.reason.trim() : '';
  if (!reason) throw new UserError('REASON must say why (it is recorded in the execution and every notification), e.g. REASON="us-east-1 outage, incident 1234".');
  return { env, mode: mode as Mode, target, reason };
}

/** Execution names must be unique per state machine; a UTC timestamp keeps them sortable. */
export function executionName(mode: Mode, now: Date): string {
  return `${mode}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** A start by a person (`make failover`): who started it, and whether a failover is forced. */
export interface ManualStart {
  startedBy?: string;
  options: StartOptions;
}

/**
 * The StartExecution input (the execution's input JSON is built, never hand-quoted). A manual start
 * adds trigger "manual", the starter's ARN (so `make approve` can refuse the starter) and any force
 * with its reason, which the state machine records (decision 009).
 */
export function startExecutionInput(request: FailoverRequest, stateMachineArn: string, now: Date, manual?: ManualStart): StartExecutionCommandInput {
  const base = { mode: request.mode, targetRegion: request.target, reason: request.reason };
  const input = manual
    ? {
        ...base,
        trigger: 'manual',
        ...(manual.startedBy ? { startedBy: manual.startedBy } : {}),
        ...(manual.options.force ? { force: true, forceReason: manual.options.forceReason } : {}),
      }
    : base;
  return { stateMachineArn, name: executionName(request.mode, now), input: JSON.stringify(input) };
}

export interface StartedRecovery {
  stateMachineArn: string;
  executionArn: string;
  name: string;
  /** The caller's ARN as STS in the target region named it. */
  startedBy?: string;
}

/**
 * Starts the recovery with clients of the TARGET region only: STS GetCallerIdentity there (the account,
 * checked against the environment's), then StartExecution of that region's state machine. A recovery
 * runs in the region it activates, so nothing here needs the other region to answer.
 */
export async function startRecovery(
  env: RunbookEnvironment,
  request: FailoverRequest,
  clients: { sts(region: string): Pick<STSClient, 'send'>; sfn(region: string): Pick<SFNClient, 'send'> },
  now: Date,
  options?: StartOptions,
): Promise<StartedRecovery> {
  requireEnvironmentRegion(env, request.target, 'TARGET');
  let identity;
  try {
    identity = await clients.sts(request.target).send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw new UserError(`STS in ${request.target} did not answer (${describe(error)}): check the credentials (they must work without ${peerOf(env, request.target)}, e.g. not an SSO session that only ${peerOf(env, request.target)} can refresh).`);
  }
  const account = checkAccount(env, identity.Account, identity.Arn);
  const { stateMachineArn } = regionResources(env, request.target, account);
  const input = startExecutionInput(request, stateMachineArn, now, options ? { startedBy: identity.Arn, options } : undefined);
  try {
    const out = await clients.sfn(request.target).send(new StartExecutionCommand(input));
    return { stateMachineArn, executionArn: out.executionArn ?? `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${input.name}`, name: input.name!, startedBy: identity.Arn };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'StateMachineDoesNotExist') {
      throw new UserError(`${stateMachineArn} does not exist: is ${request.env} applied in account ${account}, with this name prefix (${env.file})?`);
    }
    if (name === 'ExecutionAlreadyExists') throw new UserError(`An execution named ${input.name} already exists: wait a second and run the command again.`);
    throw new UserError(`Step Functions in ${request.target} did not start the ${request.mode}: ${describe(error)}`);
  }
}

function peerOf(env: RunbookEnvironment, region: string): string {
  return region === env.regions.primary ? env.regions.secondary : env.regions.primary;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
