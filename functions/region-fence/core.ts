// Fences the OTHER region during a recovery: its serving flag goes to "false" (its /health then fails
// and Route 53 stops answering with it) and its trade-processor event source mappings are disabled
// (it stops writing). Best effort by design: the region may be unreachable, so every failure is
// reported in the result and never thrown. Only a malformed request throws.
import { UpdateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { REGION_NAME, describeError } from '../shared/aws.ts';
import { listEventSourceMappings } from '../shared/lambda.ts';

export class FenceInputError extends Error {
  override name = 'FenceInputError';
}

export interface FenceRequest {
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
  region: string;
  /** True only when both the serving flag and trade processing were fenced. */
  fenced: boolean;
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
  for (const key of ['reason', 'executionId']) {
    if (e[key] !== undefined && typeof e[key] !== 'string') problems.push(`${key} must be a string when given`);
  }
  if (problems.length) throw new FenceInputError(`Invalid fence request: ${problems.join('; ')}.`);
  return {
    region: str('region'),
    servingParameter: str('servingParameter'),
    functionName: str('functionName'),
    ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
    ...(typeof e.executionId === 'string' ? { executionId: e.executionId } : {}),
  };
}

async function fenceServingFlag(ssm: FenceClients['ssm'], parameter: string): Promise<ServingFlagOutcome> {
  try {
    const out = await ssm.send(new PutParameterCommand({ Name: parameter, Value: 'false', Overwrite: true }));
    return { ok: true, parameter, ...(out.Version !== undefined ? { version: out.Version } : {}) };
  } catch (error) {
    return { ok: false, parameter, error: describeError(error) };
  }
}

async function fenceTradeProcessing(lambda: FenceClients['lambda'], functionName: string): Promise<ProcessingOutcome> {
  const mappings: MappingOutcome[] = [];
  try {
    const found = (await listEventSourceMappings(lambda, functionName)).flatMap((m) => (m.UUID ? [{ uuid: m.UUID, state: m.State ?? 'Unknown' }] : []));

    for (const { uuid, state } of found) {
      if (!ACTIVE_STATES.has(state)) {
        mappings.push({ uuid, before: state, after: state });
        continue;
      }
      try {
        const out = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
        mappings.push({ uuid, before: state, after: out.State ?? 'Disabling' });
      } catch (error) {
        mappings.push({ uuid, before: state, error: describeError(error) });
      }
    }
    const failed = mappings.filter((m) => m.error);
    return {
      ok: failed.length === 0,
      functionName,
      mappings,
      ...(failed.length ? { error: `${failed.length} of ${mappings.length} mappings could not be disabled` } : {}),
    };
  } catch (error) {
    return { ok: false, functionName, mappings, error: describeError(error) };
  }
}

/** Fences the peer region; both actions run concurrently and each reports its own outcome. */
export async function fenceRegion(request: FenceRequest, clients: FenceClients): Promise<FenceResult> {
  const [servingFlag, tradeProcessing] = await Promise.all([
    fenceServingFlag(clients.ssm, request.servingParameter),
    fenceTradeProcessing(clients.lambda, request.functionName),
  ]);
  return { region: request.region, fenced: servingFlag.ok && tradeProcessing.ok, servingFlag, tradeProcessing };
}
