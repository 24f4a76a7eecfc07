// A region's local mirror of the authority, the switches its in-VPC functions and its API read:
//   - the serving flag (SSM parameter, "true"/"false") with its lease: it counts only while it was
//     written at most SERVING_LEASE_SECONDS ago (shared/serving-flag.ts), so sync rewrites it every
//     time it finds the region active; read by the trade processor (the gate) and health;
//   - the API stage variable `active` ("true"/"false"), read by the POST /trades request template.
// The trade processor's event source mapping is not a switch: it stays enabled in both regions, so
// orders already queued in a region that stops being active are refused until stale, then rejected.
// Each setter reports its outcome and never throws.
import { GetStageCommand, UpdateStageCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { describeError } from '../shared/aws.ts';
import type { SwitchTargets } from './request.ts';

/** Clients bound to the region whose switches are set (explicit region, short timeouts). */
export interface SwitchClients {
  ssm: Pick<SSMClient, 'send'>;
  apiGateway: Pick<APIGatewayClient, 'send'>;
}

export interface ServingFlagOutcome {
  ok: boolean;
  parameter: string;
  /** Parameter version written, when a write succeeded. */
  version?: number;
  /** The value read before deciding to write (sync only). */
  before?: string;
  /** Whether a write was made (sync only); a rewrite of "true" refreshes the lease. */
  changed?: boolean;
  error?: string;
}

export interface ApiOutcome {
  ok: boolean;
  restApiId: string;
  stageName: string;
  /** The stage variable `active` read before deciding to write (sync only). */
  before?: string;
  /** Whether a write was made (sync only). */
  changed?: boolean;
  error?: string;
}

export interface SwitchOutcomes {
  servingFlag: ServingFlagOutcome;
  api: ApiOutcome;
}

/**
 * How the flag is written:
 *   write        - put, nothing read first (fence, restore);
 *   if-different - read, put only if the value differs (sync turning a region off);
 *   refresh      - read (reported as `before`), then put whatever it was: the write renews the lease
 *                  (sync of an active region).
 * A failed read is followed by the put, which is idempotent.
 */
export type FlagWrite = 'write' | 'if-different' | 'refresh';

export async function readServingFlag(ssm: SwitchClients['ssm'], parameter: string): Promise<string | undefined> {
  return (await ssm.send(new GetParameterCommand({ Name: parameter }))).Parameter?.Value;
}

export async function setServingFlag(ssm: SwitchClients['ssm'], parameter: string, value: 'true' | 'false', how: FlagWrite = 'write'): Promise<ServingFlagOutcome> {
  const reads = how !== 'write';
  let before: string | undefined;
  if (reads) {
    try {
      before = await readServingFlag(ssm, parameter);
      if (how === 'if-different' && before === value) return { ok: true, parameter, before, changed: false };
    } catch {
      // Unreadable (or not created yet): write it.
    }
  }
  const seen = reads ? { ...(before !== undefined ? { before } : {}) } : {};
  try {
    const out = await ssm.send(new PutParameterCommand({ Name: parameter, Value: value, Overwrite: true }));
    return { ok: true, parameter, ...(out.Version !== undefined ? { version: out.Version } : {}), ...seen, ...(reads ? { changed: true } : {}) };
  } catch (error) {
    return { ok: false, parameter, ...seen, ...(reads ? { changed: false } : {}), error: describeError(error) };
  }
}

/** The stage variable `active`: UpdateStage with one replace operation. */
export async function setStageActive(
  apiGateway: SwitchClients['apiGateway'],
  restApiId: string,
  stageName: string,
  value: 'true' | 'false',
  onlyIfDifferent = false,
): Promise<ApiOutcome> {
  let before: string | undefined;
  if (onlyIfDifferent) {
    try {
      before = (await apiGateway.send(new GetStageCommand({ restApiId, stageName }))).variables?.active;
      if (before === value) return { ok: true, restApiId, stageName, before, changed: false };
    } catch {
      // Unreadable: write it.
    }
  }
  const seen = onlyIfDifferent ? { ...(before !== undefined ? { before } : {}) } : {};
  try {
    await apiGateway.send(new UpdateStageCommand({ restApiId, stageName, patchOperations: [{ op: 'replace', path: '/variables/active', value }] }));
    return { ok: true, restApiId, stageName, ...seen, ...(onlyIfDifferent ? { changed: true } : {}) };
  } catch (error) {
    return { ok: false, restApiId, stageName, ...seen, ...(onlyIfDifferent ? { changed: false } : {}), error: describeError(error) };
  }
}

/** The outcome of a flag left alone, with the reason. */
export function flagUntouched(parameter: string, why: string): ServingFlagOutcome {
  return { ok: false, parameter, error: `not changed: ${why}` };
}

/** The outcome of a stage left alone, with the reason. */
export function stageUntouched(targets: Pick<SwitchTargets, 'restApiId' | 'stageName'>, why: string): ApiOutcome {
  return { ok: false, restApiId: targets.restApiId, stageName: targets.stageName, error: `not changed: ${why}` };
}

/** The outcomes of both switches left alone, with the reason. */
export function untouched(targets: SwitchTargets, why: string): SwitchOutcomes {
  return { servingFlag: flagUntouched(targets.servingParameter, why), api: stageUntouched(targets, why) };
}

export function allOk(s: SwitchOutcomes): boolean {
  return s.servingFlag.ok && s.api.ok;
}
