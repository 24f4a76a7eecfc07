// trade-processor settings, validated once at init.
import * as z from 'zod';
import { flag, integer, text } from '../shared/env.ts';
import { DEFAULT_SERVING_LEASE_SECONDS } from '../shared/serving-flag.ts';

/** The desk's figure: an order acknowledged longer ago than this is not executed. */
export const DEFAULT_MAX_ORDER_AGE_SECONDS = 60;

export const configSchema = z
  .object({
    DB_HOST: text(),
    DB_PORT: integer(1, 65535),
    DB_NAME: text(),
    DB_USER: text(),
    DB_AUTH: z.enum(['iam', 'password'], 'must be "iam" (in AWS) or "password" (local runs only)'),
    DB_PASSWORD: z.string().optional(),
    DB_SSL: flag(),
    // This region's serving flag: nothing is committed unless it reads "true" within its lease.
    SERVING_PARAMETER: text(),
    // The flag's lease: written longer ago than this, it no longer counts (region-fence's sync rewrites
    // it every minute while the region is active). At least 1.5 sync intervals, so one late sync does
    // not take the active region out.
    SERVING_LEASE_SECONDS: integer(90, 3600).default(DEFAULT_SERVING_LEASE_SECONDS),
    SESSIONS_TABLE: text(),
    AUDIT_BUCKET: text(),
    SESSION_TTL_SECONDS: integer(60, 31_536_000),
    // An order acknowledged longer ago than this is rejected, never executed (the desk's figure: 60 s).
    MAX_ORDER_AGE_SECONDS: integer(1, 3600).default(DEFAULT_MAX_ORDER_AGE_SECONDS),
  })
  .superRefine((env, ctx) => {
    if (env.DB_AUTH === 'password' && !env.DB_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['DB_PASSWORD'], message: 'is required when DB_AUTH is "password"' });
    }
  });

export type Config = z.infer<typeof configSchema>;
