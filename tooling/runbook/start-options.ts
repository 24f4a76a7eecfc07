// The options of `make failover` that tooling/failover/start.ts adds to a manual start's
// StartExecution input, beside {mode, targetRegion, reason}:
//   - trigger "manual", and startedBy: the caller's ARN as STS in TARGET names it (the same
//     GetCallerIdentity call the account check makes), so the execution records who started it and
//     `make approve` can refuse the starter. IAM (the operator and approver roles, operators.tf) is the
//     real control; this only makes a mistake visible.
//   - force with forceReason (FORCE=1 FORCE_REASON="..."): a data-loss failover while the old region is
//     seen healthy is refused by the state machine unless forced, with a reason that every notification
//     and the execution's output carry (docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).
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
