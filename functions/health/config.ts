// health settings, validated once at init.
import * as z from 'zod';
import { integer, region, text } from '../shared/env.ts';

export const configSchema = z.object({
  AWS_REGION: region(),
  SERVING_PARAMETER: text(),
  FLAG_CACHE_SECONDS: integer(0, 300),
  DB_HOST: text(),
  DB_PORT: integer(1, 65535),
  SESSIONS_TABLE: text(),
  QUEUE_URL: z.url({ protocol: /^https?$/, error: 'must be an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)' }),
  PROBE_TIMEOUT_MS: integer(50, 10_000),
});

export type Config = z.infer<typeof configSchema>;
