// primary-probe settings, validated once at init.
import * as z from 'zod';
import { integer, region, text } from '../shared/env.ts';

export const configSchema = z.object({
  AWS_REGION: region(),
  PRIMARY_REGION: region(),
  PRIMARY_HEALTH_URL: z.url({ protocol: /^https?$/, error: 'must be the primary\'s health URL, https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/health' }),
  PRIMARY_SERVING_PARAMETER: text(),
  PROBE_TIMEOUT_MS: integer(100, 20_000),
});

export type Config = z.infer<typeof configSchema>;
