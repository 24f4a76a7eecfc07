// Runs every minute in the SECONDARY region (EventBridge schedule) when automatic failover is on.
// Its PrimaryHealthy metric feeds the alarm that starts a failover; it never starts one itself.
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { clientConfig } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { probePrimary, recordProbe, type ProbeResult } from './core.ts';

const config = loadConfig(configSchema);
// One attempt, short timeouts: the probe runs again in a minute, and a slow answer is the signal.
const primarySsm = tracer.captureAWSv3Client(
  new SSMClient(clientConfig({ region: config.PRIMARY_REGION, maxAttempts: 1, connectionTimeoutMs: 2_000, requestTimeoutMs: config.PROBE_TIMEOUT_MS })),
);

export const handler = instrument(async (_event: unknown, _context: Context): Promise<ProbeResult> => {
  const result = await probePrimary({
    fetch,
    primarySsm,
    now: () => performance.now(),
    settings: { url: config.PRIMARY_HEALTH_URL, timeoutMs: config.PROBE_TIMEOUT_MS, servingParameter: config.PRIMARY_SERVING_PARAMETER },
  });
  recordProbe(result, metrics);
  if (result.outcome === 'unhealthy') logger.warn('primary unhealthy', { result });
  else logger.info(`primary ${result.outcome}`, { result });
  return result;
});
