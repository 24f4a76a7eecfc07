// health settings, validated once at init.
import * as z from 'zod';
import { flag, integer, region, text } from '../shared/env.ts';
import { DEFAULT_SERVING_LEASE_SECONDS } from '../shared/serving-flag.ts';

// The writer check connects to this region's cluster as the trade processor does (same variables,
// same IAM authentication), and asks it whether it is the writer.
export const configSchema = z
  .object({
    AWS_REGION: region(),
    SERVING_PARAMETER: text(),
    FLAG_CACHE_SECONDS: integer(0, 300),
    // The flag's lease: written longer ago than this, it no longer counts (as in the trade processor).
    SERVING_LEASE_SECONDS: integer(90, 3600).default(DEFAULT_SERVING_LEASE_SECONDS),
    DB_HOST: text(),
    DB_PORT: integer(1, 65535),
    DB_NAME: text(),
    DB_USER: text(),
    DB_AUTH: z.enum(['iam', 'password'], 'must be "iam" (in AWS) or "password" (local runs only)'),
    DB_PASSWORD: z.string().optional(),
    DB_SSL: flag(),
    SESSIONS_TABLE: text(),
    QUEUE_URL: z.url({ protocol: /^https?$/, error: 'must be an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)' }),
    PROBE_TIMEOUT_MS: integer(50, 10_000),
  })
  .superRefine((env, ctx) => {
    if (env.DB_AUTH === 'password' && !env.DB_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['DB_PASSWORD'], message: 'is required when DB_AUTH is "password"' });
    }
  });

export type Config = z.infer<typeof configSchema>;
