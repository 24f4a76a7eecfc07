// The local stand-in for one region, shared by `npm run invoke`, the benchmark and the tests: the
// services of local-services.ts with the database, sessions table and buckets the functions expect,
// the environment each function reads, and a count of what the functions wrote.
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { SOURCE_MIGRATIONS_DIR, loadMigrations, migrateSchema } from '../../functions/db-migrator/migrate.ts';
import {
  LOCAL_PEER_REGION,
  LOCAL_REGION,
  freePort,
  startApiEmulator,
  startDynalite,
  startPostgres,
  startS3rver,
  type ApiEmulator,
  type LocalEndpoint,
  type LocalPostgres,
} from './local-services.ts';

export const LOCAL_NAMES = {
  database: 'trading',
  sessionsTable: 'trading-local-sessions',
  auditBucket: 'trading-local-audit-us-east-1',
  configBucket: 'trading-local-config-us-east-1',
  servingParameter: `/trading/local/${LOCAL_REGION}/serving`,
  healthCheckIdsParameter: '/trading/local/health-check-ids',
  tradeProcessorFunction: 'trading-local-trade-processor',
  globalClusterId: 'trading-local',
  queueName: 'trading-local-trade-orders',
} as const;

/** s3rver's fixed credentials (dynalite accepts any); they never leave this machine. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface Effects {
  tradesInDb: number;
  sessions: number;
  auditObjects: number;
}

export interface LocalStack {
  pg: LocalPostgres;
  dynamo: LocalEndpoint;
  s3: LocalEndpoint;
  api: ApiEmulator;
  queueUrl: string;
  /** Environment for one function: what the regional stack sets in AWS, pointed at this machine. */
  envFor(fn: string): Record<string, string>;
  effects(): Promise<Effects>;
  dynamoClient(): DynamoDBClient;
  s3Client(): S3Client;
  stop(): Promise<void>;
}

export async function createSessionsTable(client: DynamoDBClient, table: string): Promise<void> {
  // Same key schema as modules/global-data: one item per user.
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
    }),
  );
}

export async function createDatabase(postgres: Pick<LocalPostgres, 'host' | 'port' | 'user'>, database: string): Promise<void> {
  const admin = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

/** The schema, and a stand-in for Aurora's rds_iam role (IAM authentication has no local equivalent). */
export async function prepareDatabase(postgres: Pick<LocalPostgres, 'host' | 'port' | 'user'>, database: string): Promise<void> {
  const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database });
  await client.connect();
  try {
    await client.query("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN CREATE ROLE rds_iam; END IF; END $$");
    await migrateSchema(client, loadMigrations(SOURCE_MIGRATIONS_DIR));
  } finally {
    await client.end();
  }
}

export async function startLocalStack(): Promise<LocalStack> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const postgres = await startPostgres();
    started.push({ stop: () => postgres.destroy() });
    const dynamo = await startDynalite();
    started.push(dynamo);
    const s3 = await startS3rver([LOCAL_NAMES.auditBucket, LOCAL_NAMES.configBucket]);
    started.push(s3);
    const api = await startApiEmulator();
    started.push(api);
    // Calls to services with no local stand-in (RDS, CloudWatch, Lambda, Route 53) go to a port
    // nobody listens on: they fail at once, as an unreachable region would.
    const nowhere = `http://127.0.0.1:${await freePort()}`;

    await createDatabase(postgres, LOCAL_NAMES.database);
    // What the db-migrator does at apply in AWS: the schema (the local functions log in as the
    // server's superuser), and the stand-in for Aurora's rds_iam role so the migrator itself runs too.
    await prepareDatabase(postgres, LOCAL_NAMES.database);
    const dynamoClient = () => new DynamoDBClient({ region: LOCAL_REGION, endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
    const s3Client = () =>
      new S3Client({ region: LOCAL_REGION, endpoint: s3.endpoint, forcePathStyle: true, credentials: LOCAL_CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED' });
    await createSessionsTable(dynamoClient(), LOCAL_NAMES.sessionsTable);

    const queueUrl = `${api.endpoint}/000000000000/${LOCAL_NAMES.queueName}`;
    api.queues.set(queueUrl, 0);
    api.parameters.set(LOCAL_NAMES.servingParameter, 'true');
    api.parameters.set(LOCAL_NAMES.healthCheckIdsParameter, JSON.stringify({ [LOCAL_REGION]: 'local-hc-primary', [LOCAL_PEER_REGION]: 'local-hc-secondary' }));

    const common: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      // Set by Lambda for on-demand environments; Powertools reports cold starts only when it is.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ENDPOINT_URL: nowhere,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SSM: api.endpoint,
      AWS_ENDPOINT_URL_SQS: api.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      // s3rver stores aws-chunked stream framing verbatim; checksums only where an API demands one.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      POWERTOOLS_METRICS_NAMESPACE: 'TradingPlatform',
      LOG_LEVEL: 'INFO',
    };
    const perFunction: Record<string, Record<string, string>> = {
      'trade-processor': {
        DB_HOST: postgres.host,
        DB_PORT: String(postgres.port),
        DB_NAME: LOCAL_NAMES.database,
        DB_USER: postgres.user,
        DB_AUTH: 'password',
        DB_PASSWORD: 'local',
        DB_SSL: 'false',
        SESSIONS_TABLE: LOCAL_NAMES.sessionsTable,
        AUDIT_BUCKET: LOCAL_NAMES.auditBucket,
        SESSION_TTL_SECONDS: '86400',
        SERVING_PARAMETER: LOCAL_NAMES.servingParameter,
      },
      health: {
        SERVING_PARAMETER: LOCAL_NAMES.servingParameter,
        FLAG_CACHE_SECONDS: '5',
        DB_HOST: postgres.host,
        DB_PORT: String(postgres.port),
        DB_NAME: LOCAL_NAMES.database,
        DB_USER: postgres.user,
        DB_AUTH: 'password',
        DB_PASSWORD: 'local',
        DB_SSL: 'false',
        SESSIONS_TABLE: LOCAL_NAMES.sessionsTable,
        QUEUE_URL: queueUrl,
        PROBE_TIMEOUT_MS: '1000',
      },
      'db-migrator': {
        DB_HOST: postgres.host,
        DB_PORT: String(postgres.port),
        DB_NAME: LOCAL_NAMES.database,
        DB_MASTER_USER: postgres.user,
        DB_AUTH: 'password',
        DB_PASSWORD: 'local',
        DB_SSL: 'false',
        PROCESSOR_DB_USER: 'trade_processor',
        HEALTH_DB_USER: 'health_check',
      },
      'failover-validator': {
        GLOBAL_CLUSTER_ID: LOCAL_NAMES.globalClusterId,
        PEER_REGION: LOCAL_PEER_REGION,
        SESSIONS_TABLE: LOCAL_NAMES.sessionsTable,
        CONFIG_BUCKET: LOCAL_NAMES.configBucket,
        AUDIT_BUCKET: LOCAL_NAMES.auditBucket,
        TRADE_PROCESSOR_FUNCTION: LOCAL_NAMES.tradeProcessorFunction,
        HEALTH_CHECK_IDS_PARAMETER: LOCAL_NAMES.healthCheckIdsParameter,
        RPO_LAG_THRESHOLD_SECONDS: '30',
        REPLICATION_LATENCY_THRESHOLD_MS: '5000',
      },
      // region-fence and primary-probe read and set Route 53 ARC routing controls, which have no local
      // equivalent: without ARC_CLUSTER_ENDPOINTS and the routing control ARNs they stop at start-up
      // with a message naming the missing variable, rather than calling an endpoint that pretends.
      'region-fence': {
        PEER_REGION: LOCAL_PEER_REGION,
      },
      'primary-probe': {
        PRIMARY_HEALTH_URL: `${api.endpoint}/local/health`,
        PROBE_TIMEOUT_MS: '1000',
      },
    };

    const stack: LocalStack = {
      pg: postgres,
      dynamo,
      s3,
      api,
      queueUrl,
      dynamoClient,
      s3Client,
      envFor: (fn) => ({ ...common, POWERTOOLS_SERVICE_NAME: fn, AWS_LAMBDA_FUNCTION_NAME: `trading-local-${fn}`, ...(perFunction[fn] ?? {}) }),
      effects: () => countEffects(postgres, dynamoClient(), s3Client()),
      async stop() {
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
      },
    };
    return stack;
  } catch (error) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    throw error;
  }
}

export async function countEffects(postgres: LocalPostgres, dynamo: DynamoDBClient, s3: S3Client, names = LOCAL_NAMES): Promise<Effects> {
  const db = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: names.database });
  await db.connect();
  let tradesInDb = 0;
  try {
    const exists = await db.query<{ t: string | null }>("SELECT to_regclass('public.trades') AS t");
    if (exists.rows[0]?.t) tradesInDb = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM trades')).rows[0]!.n);
  } finally {
    await db.end();
  }
  let sessions = 0;
  let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const out = await dynamo.send(new ScanCommand({ TableName: names.sessionsTable, Select: 'COUNT', ExclusiveStartKey: startKey }));
    sessions += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  let auditObjects = 0;
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: names.auditBucket, Prefix: 'trades/', ContinuationToken: token }));
    auditObjects += out.KeyCount ?? 0;
    token = out.NextContinuationToken;
  } while (token);
  return { tradesInDb, sessions, auditObjects };
}
