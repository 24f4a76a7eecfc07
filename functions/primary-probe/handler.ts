// Deployed in both regions, each copy probing the OTHER region (PRIMARY_* names the region it probes).
// Scheduled every minute in the SECONDARY region when automatic failover is on: its PrimaryHealthy
// metric feeds the alarm that starts a failover; it never starts one itself. Invoked by its region's
// state machine with {"action": "assess"} before a data-loss failover: it answers the verdict on the
// other region and publishes no metric (a preflight datapoint would mix into the alarm's minutes).
import { Resolver } from 'node:dns/promises';
import type { Context } from 'aws-lambda';
import { createArcClients } from '../shared/arc.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { assessPeer, isAssessRequest, probePrimary, recordProbe, type PeerAssessment, type ProbeResult } from './core.ts';

const config = loadConfig(configSchema);
// One attempt per ARC endpoint, short timeouts: the probe runs again in a minute.
const arc = createArcClients(config.ARC_CLUSTER_ENDPOINTS, {
  connectionTimeoutMs: Math.min(2_000, config.PROBE_TIMEOUT_MS),
  requestTimeoutMs: config.PROBE_TIMEOUT_MS,
  wrap: (c) => tracer.captureAWSv3Client(c),
});
const resolver = new Resolver({ timeout: config.PROBE_TIMEOUT_MS, tries: 1 });

const deps = {
  fetch,
  resolveTxt: (name: string) => resolver.resolveTxt(name),
  arc,
  now: () => performance.now(),
  settings: {
    url: config.PRIMARY_HEALTH_URL,
    timeoutMs: config.PROBE_TIMEOUT_MS,
    route53ViewName: config.ROUTE53_VIEW_NAME,
    primaryRoutingControlArn: config.PRIMARY_ROUTING_CONTROL_ARN,
  },
};

export const handler = instrument(async (event: unknown, _context: Context): Promise<ProbeResult | PeerAssessment> => {
  if (isAssessRequest(event)) {
    const assessment = await assessPeer(deps);
    logger.info(`preflight: ${assessment.detail}`, { assessment });
    return assessment;
  }
  const result = await probePrimary(deps);
  recordProbe(result, metrics);
  if (result.outcome === 'unhealthy') logger.warn('primary unhealthy', { result });
  else logger.info(`primary ${result.outcome}`, { result });
  return result;
});
