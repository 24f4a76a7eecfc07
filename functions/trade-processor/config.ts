// trade-processor settings, validated once at init.
import * as z from 'zod';
import { flag, integer, text } from '../shared/env.ts';

/** The desk's figure: an order acknowledged longer ago than this is not executed. */
export const DEFAULT_MAX_ORDER_AGE_SECONDS = 60;
/** How long a refused batch stays invisible by default (15 minutes). */
export const DEFAULT_REFUSED_VISIBILITY_SECONDS = 900;

export const configSchema = z
  .object({
    DB_HOST: text(),
    DB_PORT: integer(1, 65535),
    DB_NAME: text(),
    DB_USER: text(),
    DB_AUTH: z.enum(['iam', 'password'], 'must be "iam" (in AWS) or "password" (local runs only)'),
    DB_PASSWORD: z.string().optional(),
    DB_SSL: flag(),
    // This region's serving flag: nothing is committed unless it reads "true".
    SERVING_PARAMETER: text(),
    SESSIONS_TABLE: text(),
    AUDIT_BUCKET: text(),
    SESSION_TTL_SECONDS: integer(60, 31_536_000),
    // An order acknowledged longer ago than this is rejected, never executed (the desk's figure: 60 s).
    MAX_ORDER_AGE_SECONDS: integer(1, 3600).default(DEFAULT_MAX_ORDER_AGE_SECONDS),
    // How long a batch refused on a non-writer stays invisible; SQS allows at most 12 hours.
    REFUSED_VISIBILITY_SECONDS: integer(60, 43_200).default(DEFAULT_REFUSED_VISIBILITY_SECONDS),
  })
  .superRefine((env, ctx) => {
    if (env.DB_AUTH === 'password' && !env.DB_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['DB_PASSWORD'], message: 'is required when DB_AUTH is "password"' });
    }
  });

export type Config = z.infer<typeof configSchema>;
