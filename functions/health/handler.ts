// GET /health (API Gateway AWS_PROXY), probed by Route 53: 200 when this region is the active one
// (serving flag "true" within its lease) and its cluster is the writer, 503 otherwise. Dependency probes feed
// DependencyProbeFailed (dimension Probe) for alarms.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { clientConfig } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { pooledWriterRole } from '../shared/writer.ts';
import { createPool } from '../shared/db.ts';
import { configSchema } from './config.ts';
import { checkHealth, toApiResponse, type FlagCache } from './core.ts';

const config = loadConfig(configSchema);
// One attempt: the probe's own deadline bounds the call, and a retry would only hide a slow dependency.
const fast = clientConfig({ maxAttempts: 1, connectionTimeoutMs: config.PROBE_TIMEOUT_MS, requestTimeoutMs: config.PROBE_TIMEOUT_MS });
const ssm = tracer.captureAWSv3Client(new SSMClient(fast));
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient(fast));
const sqs = tracer.captureAWSv3Client(new SQSClient(fast));
const db = createPool(config, config.AWS_REGION, { applicationName: 'health', timeoutMs: config.PROBE_TIMEOUT_MS });
const flagCache: FlagCache = {};

export const handler = instrument(async (_event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> => {
  const report = await checkHealth({
    ssm,
    dynamodb,
    sqs,
    writerRole: () => pooledWriterRole(db),
    flagCache,
    logger,
    probeResult: (probe, failed) => {
      const single = metrics.singleMetric();
      single.addDimension('Probe', probe);
      single.addMetric('DependencyProbeFailed', 'Count', failed ? 1 : 0);
    },
    settings: {
      region: config.AWS_REGION,
      servingParameter: config.SERVING_PARAMETER,
      flagCacheSeconds: config.FLAG_CACHE_SECONDS,
      servingLeaseSeconds: config.SERVING_LEASE_SECONDS,
      sessionsTable: config.SESSIONS_TABLE,
      queueUrl: config.QUEUE_URL,
      probeTimeoutMs: config.PROBE_TIMEOUT_MS,
    },
  });
  metrics.addMetric('HealthCheckPassed', 'Count', report.status === 'healthy' ? 1 : 0);
  // The details stay here: the public body names only each check and whether it passed.
  if (report.status !== 'healthy') logger.warn('region not serving', { checks: report.checks.filter((c) => c.decides && !c.ok) });
  const failedProbes = report.checks.filter((c) => !c.decides && !c.ok);
  if (failedProbes.length) logger.warn('dependency probes failed', { checks: failedProbes });
  logger.debug('health report', { report });
  return toApiResponse(report);
});
