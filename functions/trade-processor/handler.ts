// SQS -> trade-processor. Init (once per execution environment): config, clients, pool. Per batch:
// hand the batch to the core. The schema is the db-migrator's (run at apply); this function's
// database user may insert and read trades but cannot change the schema.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { clientConfig, s3ClientConfig } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { servingFlagReader } from '../shared/serving-flag.ts';
import { writerRole } from '../shared/writer.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, metrics, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { processTradeBatch } from './core.ts';
import { createPool } from '../shared/db.ts';
import { commitOrders } from './store.ts';

const config = loadConfig(configSchema);
const pool = createPool(config, process.env.AWS_REGION);
const documents = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient(clientConfig())), {
  marshallOptions: { removeUndefinedValues: true },
});
const s3 = tracer.captureAWSv3Client(new S3Client(s3ClientConfig()));
// Sets the visibility of the records of a refused batch (this region not active); the queue URL comes
// from each record's eventSourceARN.
const sqs = tracer.captureAWSv3Client(new SQSClient(clientConfig()));
// This region's serving flag and its write time, read at most every 10 s per execution environment:
// nothing is committed unless it says "true" within SERVING_LEASE_SECONDS.
const servingFlag = servingFlagReader(tracer.captureAWSv3Client(new SSMClient(clientConfig({ maxAttempts: 2 }))), config.SERVING_PARAMETER);

export const handler = instrument(
  (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processTradeBatch(
      event,
      {
        commit: (items) => commitOrders(pool, items, { checkWriter: writerRole }),
        documents,
        s3,
        sqs,
        servingFlag,
        settings: {
          sessionsTable: config.SESSIONS_TABLE,
          auditBucket: config.AUDIT_BUCKET,
          sessionTtlSeconds: config.SESSION_TTL_SECONDS,
          maxOrderAgeSeconds: config.MAX_ORDER_AGE_SECONDS,
          servingLeaseSeconds: config.SERVING_LEASE_SECONDS,
        },
        logger,
        metrics,
      },
      context,
    ),
);
