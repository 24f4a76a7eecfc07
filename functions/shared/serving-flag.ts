// This region's serving flag (SSM, "true"/"false"), the local mirror of the active-region authority
// that region-fence keeps in line with ARC. Read with a short cache per execution environment; only
// successful reads are cached, so an SSM error is retried on the next call.
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** The longest a read is reused: a fence reaches every processor within this many seconds. */
export const SERVING_FLAG_MAX_AGE_MS = 10_000;

export interface ServingFlagReaderOptions {
  maxAgeMs?: number;
  /** Milliseconds clock; injectable so expiry is testable without waiting. */
  now?: () => number;
}

/** A reader of the flag's value (undefined when the parameter has no value); throws when SSM fails. */
export function servingFlagReader(ssm: Pick<SSMClient, 'send'>, parameter: string, options: ServingFlagReaderOptions = {}): () => Promise<string | undefined> {
  const maxAgeMs = Math.min(options.maxAgeMs ?? SERVING_FLAG_MAX_AGE_MS, SERVING_FLAG_MAX_AGE_MS);
  const now = options.now ?? Date.now;
  let cached: { value: string | undefined; readAt: number } | undefined;
  return async () => {
    const t = now();
    if (cached && t - cached.readAt < maxAgeMs) return cached.value;
    const out = await ssm.send(new GetParameterCommand({ Name: parameter }));
    cached = { value: out.Parameter?.Value, readAt: t };
    return cached.value;
  };
}
