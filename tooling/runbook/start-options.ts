// The runbook's additions to the StartExecution input of `make failover` (tooling/failover/start.ts
// builds the base input {mode, targetRegion, reason}):
//   - trigger "manual", and startedBy: the caller's ARN as STS in TARGET names it (the same
//     GetCallerIdentity call the account check makes), so the execution records who started it and
//     `make approve` can refuse the starter. IAM (the operator and approver roles, operators.tf) is the
//     real control; this only makes a mistake visible.
//   - force with forceReason (FORCE=1 FORCE_REASON="..."): a data-loss failover while the old region is
//     seen healthy is refused by the state machine unless forced, with a reason that every notification
//     and the execution's output carry (docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).
// The options are merged into the input of the one StartExecutionCommand sent, through the SFN client
// handed to startRecovery; nothing else is changed.
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../core/errors.ts';

export interface StartOptions {
  force: boolean;
  forceReason?: string;
}

export function parseStartOptions(mode: string | undefined, force: boolean, forceReason: string | undefined): StartOptions {
  const reason = forceReason?.trim();
  if (!force) {
    if (reason) throw new UserError('FORCE_REASON is only read with FORCE=1: add FORCE=1 to force the failover, or drop FORCE_REASON.');
    return { force: false };
  }
  if (mode !== 'failover') throw new UserError('FORCE=1 applies only to MODE=failover (a switchover loses nothing and is never refused for a healthy region).');
  if (!reason) throw new UserError('FORCE=1 needs FORCE_REASON="why the healthy old region is abandoned with its unreplicated writes" (it is recorded in the execution and every notification).');
  return { force: true, forceReason: reason };
}

type Send = Pick<SFNClient, 'send'>;

/**
 * Clients for startRecovery that remember the caller's ARN from GetCallerIdentity and add the options
 * and startedBy to the StartExecution input. `startedBy()` returns the ARN once STS has answered.
 */
export function withStartOptions<C extends { sts(region: string): Pick<STSClient, 'send'>; sfn(region: string): Send }>(clients: C, options: StartOptions) {
  let caller: string | undefined;
  const sts = (region: string): Pick<STSClient, 'send'> => {
    const real = clients.sts(region);
    return {
      send: (async (command: unknown) => {
        const out = await (real.send as (c: unknown) => Promise<{ Arn?: string }>)(command);
        if (command instanceof GetCallerIdentityCommand && out?.Arn) caller = out.Arn;
        return out;
      }) as STSClient['send'],
    };
  };
  const sfn = (region: string): Send => {
    const real = clients.sfn(region);
    return {
      send: ((command: unknown) => {
        if (command instanceof StartExecutionCommand) {
          const base = JSON.parse(command.input.input ?? '{}') as Record<string, unknown>;
          const input = { ...base, trigger: 'manual', ...(caller ? { startedBy: caller } : {}), ...(options.force ? { force: true, forceReason: options.forceReason } : {}) };
          return (real.send as (c: unknown) => Promise<unknown>)(new StartExecutionCommand({ ...command.input, input: JSON.stringify(input) }));
        }
        return (real.send as (c: unknown) => Promise<unknown>)(command);
      }) as SFNClient['send'],
    };
  };
  return { clients: { sts, sfn }, startedBy: () => caller };
}
