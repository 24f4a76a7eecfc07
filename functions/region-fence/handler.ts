// Invoked by this region's failover state machine (lambda:invoke) and every minute by an EventBridge
// rule (sync). Step Functions SDK integrations reach only their own region; this function's peer
// clients name the peer, and its ARC clients name each cluster endpoint.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { RDSClient } from '@aws-sdk/client-rds';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { createArcClients } from '../shared/arc.ts';
import { clientConfig } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { parseRegionFenceRequest, runRegionFenceRequest, type RegionFenceDeps, type RegionFenceResult } from './core.ts';

const config = loadConfig(configSchema);
// Two attempts with short timeouts: an unreachable region must become a reported failure in seconds,
// well inside the function timeout and the state machine's task timeout.
const settings = (region: string) => clientConfig({ region, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 6_000 });
const switchClients = (region: string) => ({
  ssm: tracer.captureAWSv3Client(new SSMClient(settings(region))),
  apiGateway: tracer.captureAWSv3Client(new APIGatewayClient(settings(region))),
});
const deps: RegionFenceDeps = {
  // The peer's switches, and its queue for the fence's drain.
  peer: { ...switchClients(config.PEER_REGION), sqs: tracer.captureAWSv3Client(new SQSClient(settings(config.PEER_REGION))) },
  // This region's switches, and RDS here: the writer role (sync) and the check before a restore.
  own: { ...switchClients(config.AWS_REGION), rds: tracer.captureAWSv3Client(new RDSClient(settings(config.AWS_REGION))) },
  authority: {
    // One attempt per endpoint: the next endpoint is the retry.
    arc: createArcClients(config.ARC_CLUSTER_ENDPOINTS, { wrap: (c) => tracer.captureAWSv3Client(c) }),
    routingControlArns: config.ROUTING_CONTROL_ARNS,
  },
};

/** The metric each action publishes (1 when it did what it was asked, else 0). */
function outcome(result: RegionFenceResult): { metric: string; ok: boolean } {
  switch (result.action) {
    case 'authorize':
      return { metric: 'RegionAuthorized', ok: result.authorized };
    case 'fence':
      return { metric: 'RegionFenced', ok: result.fenced };
    case 'restore':
      return { metric: 'RegionRestored', ok: result.restored };
    case 'sync':
      return { metric: 'MirrorSynced', ok: result.synced };
    case 'initialize':
      return { metric: 'AuthorityInitialized', ok: result.error === undefined };
  }
}

export const handler = instrument(async (event: unknown, _context: Context): Promise<RegionFenceResult> => {
  const request = parseRegionFenceRequest(event, { region: config.AWS_REGION, peerRegion: config.PEER_REGION });
  logger.appendKeys({ targetRegion: request.region, executionId: request.executionId, action: request.action });
  const result = await runRegionFenceRequest(request, deps);
  const { metric, ok } = outcome(result);
  metrics.addDimension(request.action === 'fence' || request.action === 'restore' ? 'FencedRegion' : 'TargetRegion', request.region);
  metrics.addMetric(metric, 'Count', ok ? 1 : 0);
  if (result.action === 'sync' && result.reclaim?.reclaimed) {
    // Its alarm tells the operations topic (failover-orchestrator/modules/region/region-fence.tf).
    metrics.addMetric('AuthorityReclaimed', 'Count', 1);
    logger.warn(result.reclaim.notice ?? 'authority taken back from a recovery that cannot end', { reclaim: result.reclaim });
  }
  if (ok) logger.info(`${request.action} done`, { result, reason: request.reason });
  else logger.error(`${request.action} incomplete`, { result, reason: request.reason });
  return result;
});
