// This region's serving flag (SSM, "true"/"false"), the local mirror of the active-region authority
// that region-fence keeps in line with ARC. The flag carries a lease: it counts as active only while
// its value is "true" AND it was written at most SERVING_LEASE_SECONDS ago (SSM's LastModifiedDate,
// which GetParameter returns). region-fence's sync rewrites the flag every time it finds the region
// active (once a minute), so the lease only runs out when the sync cannot confirm the region with ARC:
// a region that returns after an outage longer than the lease is not active until its own sync has
// seen its routing control On again. Health and the trade processor apply the same rule (flagVerdict).
//
// The reader caches a read for at most 10 s per execution environment; only successful reads are
// cached, so an SSM error is retried on the next call. The lease is judged against the clock at each
// use, so a cached read never makes an old write look fresh.
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** The longest a read is reused: a fence reaches every processor within this many seconds. */
export const SERVING_FLAG_MAX_AGE_MS = 10_000;

/** 2.5 sync intervals of 60 s: one missed sync does not take the active region out. */
export const DEFAULT_SERVING_LEASE_SECONDS = 150;

/** The flag as SSM returned it. */
export interface ServingFlagRead {
  /** undefined when the parameter has no value. */
  value: string | undefined;
  /** Epoch ms of the last write (SSM LastModifiedDate); undefined when SSM did not say. */
  lastModifiedMs: number | undefined;
}

/** Why the flag does not make this region active: short codes, safe in a public health body. */
export type NotActiveReason = 'not-serving' | 'flag-invalid' | 'lease-expired';

export type FlagVerdict =
  | { active: true; ageSeconds: number }
  | {
      active: false;
      reason: NotActiveReason;
      /** One sentence for logs and refusal reasons. */
      detail: string;
      /** Seconds since the last write, when known. */
      ageSeconds?: number;
    };

/**
 * Whether the flag makes this region active at `nowMs`: value "true" and written at most
 * `leaseSeconds` ago (exactly the lease is still fresh). A write dated in the future (clock skew
 * between SSM and this function) counts as age 0. Without a LastModifiedDate the lease cannot be
 * shown to hold, so the flag does not count.
 */
export function flagVerdict(read: ServingFlagRead, leaseSeconds: number, nowMs: number): FlagVerdict {
  const { value, lastModifiedMs } = read;
  const ageSeconds = lastModifiedMs === undefined ? undefined : Math.max(0, (nowMs - lastModifiedMs) / 1000);
  const age = ageSeconds === undefined ? {} : { ageSeconds };
  if (value === 'false') return { active: false, reason: 'not-serving', detail: 'the serving flag is "false"', ...age };
  if (value !== 'true') {
    return { active: false, reason: 'flag-invalid', detail: `the serving flag is ${value === undefined ? 'missing' : `"${value}"`}, not "true" or "false"`, ...age };
  }
  if (ageSeconds === undefined) return { active: false, reason: 'lease-expired', detail: 'the serving flag is "true" but SSM gave no LastModifiedDate, so its lease cannot be checked' };
  if (ageSeconds > leaseSeconds) {
    return {
      active: false,
      reason: 'lease-expired',
      detail: `the serving flag is "true" but was last written ${Math.round(ageSeconds)} s ago, beyond its ${leaseSeconds} s lease (no sync has confirmed this region with the authority since)`,
      ageSeconds,
    };
  }
  return { active: true, ageSeconds };
}

/** The flag and its write time out of a GetParameter answer. */
export function servingFlagRead(out: { Parameter?: { Value?: string | undefined; LastModifiedDate?: Date | undefined } | undefined }): ServingFlagRead {
  const modified = out.Parameter?.LastModifiedDate;
  return { value: out.Parameter?.Value, lastModifiedMs: modified instanceof Date && !Number.isNaN(modified.getTime()) ? modified.getTime() : undefined };
}

export interface ServingFlagReaderOptions {
  maxAgeMs?: number;
  /** Milliseconds clock; injectable so expiry is testable without waiting. */
  now?: () => number;
}

/** A reader of the flag and its write time; throws when SSM fails. */
export function servingFlagReader(ssm: Pick<SSMClient, 'send'>, parameter: string, options: ServingFlagReaderOptions = {}): () => Promise<ServingFlagRead> {
  const maxAgeMs = Math.min(options.maxAgeMs ?? SERVING_FLAG_MAX_AGE_MS, SERVING_FLAG_MAX_AGE_MS);
  const now = options.now ?? Date.now;
  let cached: { read: ServingFlagRead; readAt: number } | undefined;
  return async () => {
    const t = now();
    if (cached && t - cached.readAt < maxAgeMs) return cached.read;
    const out = await ssm.send(new GetParameterCommand({ Name: parameter }));
    cached = { read: servingFlagRead(out), readAt: t };
    return cached.read;
  };
}
