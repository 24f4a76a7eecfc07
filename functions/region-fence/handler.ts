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
import { fenceRegion, parseFenceRequest, type FenceResult } from './core.ts';

const config = loadConfig(configSchema);
// Two attempts with short timeouts: an unreachable region must become a reported failure in seconds,
// well inside the 30 s function timeout and the state machine's 60 s task timeout.
const peer = clientConfig({ region: config.PEER_REGION, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 6_000 });
const ssm = tracer.captureAWSv3Client(new SSMClient(peer));
const lambda = tracer.captureAWSv3Client(new LambdaClient(peer));

export const handler = instrument(async (event: unknown, _context: Context): Promise<FenceResult> => {
  const request = parseFenceRequest(event, config.PEER_REGION);
  logger.appendKeys({ fencedRegion: request.region, executionId: request.executionId });
  const result = await fenceRegion(request, { ssm, lambda });
  metrics.addDimension('FencedRegion', request.region);
  metrics.addMetric('RegionFenced', 'Count', result.fenced ? 1 : 0);
  if (result.fenced) logger.info('region fenced', { result, reason: request.reason });
  else logger.error('region only partly fenced or unreachable', { result, reason: request.reason });
  return result;
});
