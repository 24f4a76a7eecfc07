// Fences the OTHER region during a recovery: its serving flag goes to "false" (its /health then fails
// and Route 53 stops answering with it) and its trade-processor event source mappings are disabled
// (it stops writing). Best effort by design: the region may be unreachable, so every failure is
// reported in the result and never thrown. Only a malformed request throws.
// The `restore` action undoes a fence: the recovery calls it when it stops before the promotion (a
// switchover whose fence failed, a promotion call that was refused), so the old region, still the
// writer, serves again: serving flag "true" and the trade-processor mappings enabled.
import { UpdateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { REGION_NAME, describeError } from '../shared/aws.ts';
import { listEventSourceMappings } from '../shared/lambda.ts';

export class FenceInputError extends Error {
  override name = 'FenceInputError';
}

export type FenceAction = 'fence' | 'restore';

export interface FenceRequest {
  /** `fence` (the default) or `restore`, which undoes a fence. */
  action: FenceAction;
  region: string;
  servingParameter: string;
  functionName: string;
  reason?: string;
  executionId?: string;
}

export interface ServingFlagOutcome {
  ok: boolean;
  parameter: string;
  /** Parameter version written, when the write succeeded. */
  version?: number;
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

export interface FenceResult {
  action: 'fence';
  region: string;
  /** True only when both the serving flag and trade processing were fenced. */
  fenced: boolean;
  servingFlag: ServingFlagOutcome;
  tradeProcessing: ProcessingOutcome;
}

export interface RestoreResult {
  action: 'restore';
  region: string;
  /** True only when both the serving flag and trade processing were turned back on. */
  restored: boolean;
  servingFlag: ServingFlagOutcome;
  tradeProcessing: ProcessingOutcome;
}

/** Clients bound to the region being fenced (explicit region, short timeouts). */
export interface FenceClients {
  ssm: Pick<SSMClient, 'send'>;
  lambda: Pick<LambdaClient, 'send'>;
}

// States in which a mapping still delivers (or is about to deliver) messages.
const ACTIVE_STATES = new Set(['Creating', 'Enabling', 'Enabled', 'Updating']);
// States from which a mapping can be enabled again.
const STOPPED_STATES = new Set(['Disabled', 'Disabling']);

/** Checks the request shape and that it targets the one region this function may fence. */
export function parseFenceRequest(event: unknown, peerRegion: string): FenceRequest {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new FenceInputError('Fence request must be an object {region, servingParameter, functionName}.');
  }
  const e = event as Record<string, unknown>;
  const problems: string[] = [];
  const str = (key: string) => (typeof e[key] === 'string' ? (e[key] as string).trim() : '');
  if (!REGION_NAME.test(str('region'))) problems.push('region must be an AWS region name such as us-east-1');
  else if (str('region') !== peerRegion) problems.push(`region must be ${peerRegion}, the only region this function fences (got ${str('region')})`);
  if (!str('servingParameter').startsWith('/')) problems.push('servingParameter must be an SSM parameter name starting with /');
  if (!str('functionName')) problems.push('functionName must name the trade-processor function to stop');
  if (e.action !== undefined && e.action !== 'fence' && e.action !== 'restore') problems.push('action must be "fence" or "restore" when given');
  for (const key of ['reason', 'executionId']) {
    if (e[key] !== undefined && typeof e[key] !== 'string') problems.push(`${key} must be a string when given`);
  }
  if (problems.length) throw new FenceInputError(`Invalid fence request: ${problems.join('; ')}.`);
  return {
    action: e.action === 'restore' ? 'restore' : 'fence',
    region: str('region'),
    servingParameter: str('servingParameter'),
    functionName: str('functionName'),
    ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
    ...(typeof e.executionId === 'string' ? { executionId: e.executionId } : {}),
  };
}

async function setServingFlag(ssm: FenceClients['ssm'], parameter: string, value: 'true' | 'false'): Promise<ServingFlagOutcome> {
  try {
    const out = await ssm.send(new PutParameterCommand({ Name: parameter, Value: value, Overwrite: true }));
    return { ok: true, parameter, ...(out.Version !== undefined ? { version: out.Version } : {}) };
  } catch (error) {
    return { ok: false, parameter, error: describeError(error) };
  }
}

async function setTradeProcessing(lambda: FenceClients['lambda'], functionName: string, enabled: boolean): Promise<ProcessingOutcome> {
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

/** Fences the peer region; both actions run concurrently and each reports its own outcome. */
export async function fenceRegion(request: FenceRequest, clients: FenceClients): Promise<FenceResult> {
  const [servingFlag, tradeProcessing] = await Promise.all([
    setServingFlag(clients.ssm, request.servingParameter, 'false'),
    setTradeProcessing(clients.lambda, request.functionName, false),
  ]);
  return { action: 'fence', region: request.region, fenced: servingFlag.ok && tradeProcessing.ok, servingFlag, tradeProcessing };
}

/** Undoes a fence of the peer region: serving flag "true", stopped trade-processor mappings enabled. */
export async function restoreRegion(request: FenceRequest, clients: FenceClients): Promise<RestoreResult> {
  const [servingFlag, tradeProcessing] = await Promise.all([
    setServingFlag(clients.ssm, request.servingParameter, 'true'),
    setTradeProcessing(clients.lambda, request.functionName, true),
  ]);
  return { action: 'restore', region: request.region, restored: servingFlag.ok && tradeProcessing.ok, servingFlag, tradeProcessing };
}

/** Runs the request's action. */
export function runFenceRequest(request: FenceRequest, clients: FenceClients): Promise<FenceResult | RestoreResult> {
  return request.action === 'restore' ? restoreRegion(request, clients) : fenceRegion(request, clients);
}
