// Failover readiness report: hourly (EventBridge schedule) and on demand from the failover state
// machine. Runs outside the VPC in either region; clients for the peer region name it explicitly.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { clientConfig, s3ClientConfig, type ClientOptions } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { validateReadiness, type ReadinessReport, type RegionClients } from './core.ts';

const config = loadConfig(configSchema);

// Two attempts and short timeouts: a region that does not answer must become a failed check within
// seconds, well inside the function's timeout.
const limits: ClientOptions = { maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 8_000 };

function regionClients(region: string): RegionClients {
  const options: ClientOptions = { region, ...limits };
  return {
    region,
    rds: tracer.captureAWSv3Client(new RDSClient(clientConfig(options))),
    cloudwatch: tracer.captureAWSv3Client(new CloudWatchClient(clientConfig(options))),
    dynamodb: tracer.captureAWSv3Client(new DynamoDBClient(clientConfig(options))),
    lambda: tracer.captureAWSv3Client(new LambdaClient(clientConfig(options))),
    ssm: tracer.captureAWSv3Client(new SSMClient(clientConfig(options))),
  };
}

const local = {
  ...regionClients(config.AWS_REGION),
  s3: tracer.captureAWSv3Client(new S3Client(s3ClientConfig({ region: config.AWS_REGION, ...limits }))),
};
const peer = regionClients(config.PEER_REGION);
// Route 53 is a global API (signed for us-east-1 whatever the region given).
const route53 = tracer.captureAWSv3Client(new Route53Client(clientConfig({ region: config.AWS_REGION, ...limits })));

export const handler = instrument(async (_event: unknown, _context: Context): Promise<ReadinessReport> => {
  const report = await validateReadiness({
    local,
    peer,
    route53,
    metrics,
    settings: {
      globalClusterId: config.GLOBAL_CLUSTER_ID,
      sessionsTable: config.SESSIONS_TABLE,
      configBucket: config.CONFIG_BUCKET,
      auditBucket: config.AUDIT_BUCKET,
      tradeProcessorFunction: config.TRADE_PROCESSOR_FUNCTION,
      healthCheckIdsParameter: config.HEALTH_CHECK_IDS_PARAMETER,
      rpoLagThresholdSeconds: config.RPO_LAG_THRESHOLD_SECONDS,
      replicationLatencyThresholdMs: config.REPLICATION_LATENCY_THRESHOLD_MS,
    },
  });
  if (report.ready) logger.info('failover ready', { report });
  else logger.warn('failover NOT ready', { failing: report.checks.filter((c) => !c.ok), report });
  return report;
});
