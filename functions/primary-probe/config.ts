// primary-probe settings, validated once at init.
import * as z from 'zod';
import { arcClusterEndpoints, routingControlArn } from '../shared/arc.ts';
import { integer, region } from '../shared/env.ts';

export const configSchema = z.object({
  AWS_REGION: region(),
  PRIMARY_HEALTH_URL: z.url({ protocol: /^https?$/, error: 'must be the primary\'s health URL, https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/health' }),
  // The TXT failover records that show Route 53's view of the primary's health check.
  ROUTE53_VIEW_NAME: z
    .string()
    .trim()
    .regex(/^(?=.{1,253}\.?$)([a-z0-9_](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i, "must be the DNS name of the Route 53 view's TXT failover records, e.g. primary-view.trading.example.com"),
  PRIMARY_ROUTING_CONTROL_ARN: routingControlArn(),
  ARC_CLUSTER_ENDPOINTS: arcClusterEndpoints(),
  PROBE_TIMEOUT_MS: integer(100, 20_000),
});

export type Config = z.infer<typeof configSchema>;
