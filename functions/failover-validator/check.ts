// What every readiness check receives (clients for both regions, settings, metrics) and returns.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { MetricSink } from '../shared/metrics.ts';

/** Clients bound to one region; `region` names it in every detail. */
export interface RegionClients {
  region: string;
  rds: RDSClient;
  cloudwatch: CloudWatchClient;
  dynamodb: DynamoDBClient;
  lambda: LambdaClient;
  ssm: SSMClient;
}

export interface ValidatorSettings {
  globalClusterId: string;
  sessionsTable: string;
  configBucket: string;
  auditBucket: string;
  tradeProcessorFunction: string;
  healthCheckIdsParameter: string;
  rpoLagThresholdSeconds: number;
  replicationLatencyThresholdMs: number;
}

export interface ValidatorDeps {
  /** This region's clients; the buckets checked for replication are this region's. */
  local: RegionClients & { s3: S3Client };
  peer: RegionClients;
  route53: Route53Client;
  settings: ValidatorSettings;
  metrics?: MetricSink;
  now?: () => Date;
}

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
  [measurement: string]: unknown;
}

/** Lags are judged on the newest datapoint of this window. */
export const LAG_WINDOW_MINUTES = 10;
