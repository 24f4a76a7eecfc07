// Calls into one region, or into Route 53 (a global service). A call that fails becomes a CallError
// whose message names the call and the region, which a check reports as its detail: a region that
// does not answer fails the checks that need it, never the whole report.
import { describeError } from '../shared/aws.ts';
import type { ReadinessCheck, RegionClients, ValidatorDeps } from './check.ts';

/** Region label for global services (Route 53). */
export const GLOBAL = 'global';

/** An AWS call failed; the message names the call and the region. */
export class CallError extends Error {
  override name = 'CallError';
}

export async function call<T>(region: string, api: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const where = region === GLOBAL ? '' : ` in ${region}`;
    throw new CallError(`${api}${where} failed (${unreachable(error) ? `${region === GLOBAL ? 'service' : 'region'} did not answer: ` : ''}${describeError(error)})`);
  }
}

function unreachable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string };
  return (
    ['TimeoutError', 'RequestTimeout', 'AbortError'].includes(e.name ?? '') ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.code ?? '') ||
    /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up/.test(e.message ?? '')
  );
}

/** The check `name`, failed with the error as its detail. */
export function failed(name: string, error: unknown): ReadinessCheck {
  return { name, ok: false, detail: error instanceof CallError ? error.message : describeError(error) };
}

/** Tries this region first, then the peer: either region can describe a global resource. */
export async function fromEitherRegion<T>(deps: ValidatorDeps, api: string, run: (c: RegionClients) => Promise<T>): Promise<{ value: T; region: string }> {
  const errors: string[] = [];
  for (const clients of [deps.local, deps.peer]) {
    try {
      return { value: await call(clients.region, api, () => run(clients)), region: clients.region };
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  throw new CallError(errors.join('; '));
}

/** The clients of `region`, if it is one of the pair. */
export function clientsFor(deps: ValidatorDeps, region: string): RegionClients | undefined {
  return region === deps.local.region ? deps.local : region === deps.peer.region ? deps.peer : undefined;
}
