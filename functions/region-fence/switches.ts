// A region's local mirror of the authority, the switches its in-VPC functions and its API read:
//   - the serving flag (SSM parameter, "true"/"false"), read by health;
//   - the trade-processor event source mappings (enabled/disabled);
//   - the API stage variable `active` ("true"/"false"), read by the POST /trades request template.
// Each setter reports its outcome and never throws. With `onlyIfDifferent` a setter reads first and
// writes only what differs (sync); a failed read falls back to the write, which is idempotent.
import { GetStageCommand, UpdateStageCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { UpdateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { describeError } from '../shared/aws.ts';
import { listEventSourceMappings } from '../shared/lambda.ts';
import type { SwitchTargets } from './request.ts';

/** Clients bound to the region whose switches are set (explicit region, short timeouts). */
export interface SwitchClients {
  ssm: Pick<SSMClient, 'send'>;
  lambda: Pick<LambdaClient, 'send'>;
  apiGateway: Pick<APIGatewayClient, 'send'>;
}

export interface ServingFlagOutcome {
  ok: boolean;
  parameter: string;
  /** Parameter version written, when a write succeeded. */
  version?: number;
  /** The value read before deciding to write (sync only). */
  before?: string;
  /** Whether a write was made (sync only). */
  changed?: boolean;
  error?: string;
}

export interface MappingOutcome {
  uuid: string;
  before: string;
  after?: string;
  error?: string;
}

export interface ProcessingOutcome {
  ok: boolean;
  functionName: string;
  mappings: MappingOutcome[];
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
  tradeProcessing: ProcessingOutcome;
  api: ApiOutcome;
}

// States in which a mapping still delivers (or is about to deliver) messages.
const ACTIVE_STATES = new Set(['Creating', 'Enabling', 'Enabled', 'Updating']);
// States from which a mapping can be enabled again.
const STOPPED_STATES = new Set(['Disabled', 'Disabling']);

export async function setServingFlag(
  ssm: SwitchClients['ssm'],
  parameter: string,
  value: 'true' | 'false',
  onlyIfDifferent = false,
): Promise<ServingFlagOutcome> {
  let before: string | undefined;
  if (onlyIfDifferent) {
    try {
      before = (await ssm.send(new GetParameterCommand({ Name: parameter }))).Parameter?.Value;
      if (before === value) return { ok: true, parameter, before, changed: false };
    } catch {
      // Unreadable (or not created yet): write it.
    }
  }
  const seen = onlyIfDifferent ? { ...(before !== undefined ? { before } : {}) } : {};
  try {
    const out = await ssm.send(new PutParameterCommand({ Name: parameter, Value: value, Overwrite: true }));
    return { ok: true, parameter, ...(out.Version !== undefined ? { version: out.Version } : {}), ...seen, ...(onlyIfDifferent ? { changed: true } : {}) };
  } catch (error) {
    return { ok: false, parameter, ...seen, ...(onlyIfDifferent ? { changed: false } : {}), error: describeError(error) };
  }
}

/** Enables the stopped mappings or disables the active ones; a mapping already there is left alone. */
export async function setTradeProcessing(lambda: SwitchClients['lambda'], functionName: string, enabled: boolean): Promise<ProcessingOutcome> {
  const mappings: MappingOutcome[] = [];
  const toChange = enabled ? STOPPED_STATES : ACTIVE_STATES;
  try {
    const found = (await listEventSourceMappings(lambda, functionName)).flatMap((m) => (m.UUID ? [{ uuid: m.UUID, state: m.State ?? 'Unknown' }] : []));
    for (const { uuid, state } of found) {
      if (!toChange.has(state)) {
        mappings.push({ uuid, before: state, after: state });
        continue;
      }
      try {
        const out = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: enabled }));
        mappings.push({ uuid, before: state, after: out.State ?? (enabled ? 'Enabling' : 'Disabling') });
      } catch (error) {
        mappings.push({ uuid, before: state, error: describeError(error) });
      }
    }
    const failed = mappings.filter((m) => m.error);
    return {
      ok: failed.length === 0,
      functionName,
      mappings,
      ...(failed.length ? { error: `${failed.length} of ${mappings.length} mappings could not be ${enabled ? 'enabled' : 'disabled'}` } : {}),
    };
  } catch (error) {
    return { ok: false, functionName, mappings, error: describeError(error) };
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

/** All three switches of a region to `on`, concurrently; each reports its own outcome. */
export async function setSwitches(clients: SwitchClients, targets: SwitchTargets, on: boolean, onlyIfDifferent = false): Promise<SwitchOutcomes> {
  const value = on ? 'true' : 'false';
  const [servingFlag, tradeProcessing, api] = await Promise.all([
    setServingFlag(clients.ssm, targets.servingParameter, value, onlyIfDifferent),
    setTradeProcessing(clients.lambda, targets.functionName, on),
    setStageActive(clients.apiGateway, targets.restApiId, targets.stageName, value, onlyIfDifferent),
  ]);
  return { servingFlag, tradeProcessing, api };
}

/** The outcomes of switches left alone, with the reason. */
export function untouched(targets: SwitchTargets, why: string): SwitchOutcomes {
  const error = `not changed: ${why}`;
  return {
    servingFlag: { ok: false, parameter: targets.servingParameter, error },
    tradeProcessing: { ok: false, functionName: targets.functionName, mappings: [], error },
    api: { ok: false, restApiId: targets.restApiId, stageName: targets.stageName, error },
  };
}

export function allOk(s: SwitchOutcomes): boolean {
  return s.servingFlag.ok && s.tradeProcessing.ok && s.api.ok;
}
