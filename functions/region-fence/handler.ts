// Invoked by this region's failover state machine (lambda:invoke) to fence the OTHER region. Step
// Functions SDK integrations reach only their own region; this function's clients name the peer.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { clientConfig } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { parseFenceRequest, runFenceRequest, type FenceResult, type RestoreResult } from './core.ts';

const config = loadConfig(configSchema);
// Two attempts with short timeouts: an unreachable region must become a reported failure in seconds,
// well inside the 30 s function timeout and the state machine's 60 s task timeout.
const peer = clientConfig({ region: config.PEER_REGION, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 6_000 });
const ssm = tracer.captureAWSv3Client(new SSMClient(peer));
const lambda = tracer.captureAWSv3Client(new LambdaClient(peer));

export const handler = instrument(async (event: unknown, _context: Context): Promise<FenceResult | RestoreResult> => {
  const request = parseFenceRequest(event, config.PEER_REGION);
  logger.appendKeys({ fencedRegion: request.region, executionId: request.executionId, action: request.action });
  const result = await runFenceRequest(request, { ssm, lambda });
  metrics.addDimension('FencedRegion', request.region);
  if (result.action === 'restore') {
    metrics.addMetric('RegionRestored', 'Count', result.restored ? 1 : 0);
    if (result.restored) logger.info('region restored after a recovery stopped', { result, reason: request.reason });
    else logger.error('region only partly restored or unreachable', { result, reason: request.reason });
    return result;
  }
  metrics.addMetric('RegionFenced', 'Count', result.fenced ? 1 : 0);
  if (result.fenced) logger.info('region fenced', { result, reason: request.reason });
  else logger.error('region only partly fenced or unreachable', { result, reason: request.reason });
  return result;
});
