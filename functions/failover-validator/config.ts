// failover-validator settings, validated once at init.
import * as z from 'zod';
import { integer, region, text } from '../shared/env.ts';

export const configSchema = z
  .object({
    AWS_REGION: region(),
    GLOBAL_CLUSTER_ID: text(),
    PEER_REGION: region(),
    SESSIONS_TABLE: text(),
    CONFIG_BUCKET: text(),
    AUDIT_BUCKET: text(),
    TRADE_PROCESSOR_FUNCTION: text(),
    HEALTH_CHECK_IDS_PARAMETER: text(),
    RPO_LAG_THRESHOLD_SECONDS: integer(1, 3600),
    REPLICATION_LATENCY_THRESHOLD_MS: integer(1, 3_600_000),
  })
  .superRefine((env, ctx) => {
    if (env.PEER_REGION === env.AWS_REGION) {
      ctx.addIssue({ code: 'custom', path: ['PEER_REGION'], message: `must differ from this function's region (${env.AWS_REGION})` });
    }
  });

export type Config = z.infer<typeof configSchema>;
