// Runs every minute in the SECONDARY region (EventBridge schedule) when automatic failover is on.
// Its PrimaryHealthy metric feeds the alarm that starts a failover; it never starts one itself.
import { Resolver } from 'node:dns/promises';
import type { Context } from 'aws-lambda';
import { createArcClients } from '../shared/arc.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { probePrimary, recordProbe, type ProbeResult } from './core.ts';

const config = loadConfig(configSchema);
// One attempt per ARC endpoint, short timeouts: the probe runs again in a minute.
const arc = createArcClients(config.ARC_CLUSTER_ENDPOINTS, {
  connectionTimeoutMs: Math.min(2_000, config.PROBE_TIMEOUT_MS),
  requestTimeoutMs: config.PROBE_TIMEOUT_MS,
  wrap: (c) => tracer.captureAWSv3Client(c),
});
const resolver = new Resolver({ timeout: config.PROBE_TIMEOUT_MS, tries: 1 });

export const handler = instrument(async (_event: unknown, _context: Context): Promise<ProbeResult> => {
  const result = await probePrimary({
    fetch,
    resolveTxt: (name) => resolver.resolveTxt(name),
    arc,
    now: () => performance.now(),
    settings: {
      url: config.PRIMARY_HEALTH_URL,
      timeoutMs: config.PROBE_TIMEOUT_MS,
      route53ViewName: config.ROUTE53_VIEW_NAME,
      primaryRoutingControlArn: config.PRIMARY_ROUTING_CONTROL_ARN,
    },
  });
  recordProbe(result, metrics);
  if (result.outcome === 'unhealthy') logger.warn('primary unhealthy', { result });
  else logger.info(`primary ${result.outcome}`, { result });
  return result;
});
