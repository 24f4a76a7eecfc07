// Test helpers: databases in the suite's PostgreSQL server, dynalite and s3rver with a fresh table
// and bucket, SQS events, and recording stand-ins for the Powertools logger and metrics.
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import pg from 'pg';
import { inject } from 'vitest';
import { loadMigrations, migrateSchema } from '../../../functions/db-migrator/migrate.ts';
import { createPool, withClient } from '../../../functions/shared/db.ts';
import { commitOrders } from '../../../functions/trade-processor/store.ts';
import type { MetricSink, MetricUnit } from '../../../functions/shared/metrics.ts';
import { writerRole } from '../../../functions/shared/writer.ts';
import type { LogSink, TradeProcessorDeps } from '../../../functions/trade-processor/core.ts';
import { startDynalite, startS3rver, type LocalEndpoint } from '../../../tooling/functions/local-services.ts';
import { LOCAL_CREDENTIALS, createDatabase, createSessionsTable } from '../../../tooling/functions/local-stack.ts';

export const MIGRATIONS_DIR = new URL('../../../functions/db-migrator/migrations/', import.meta.url);

export interface PgServer {
  host: string;
  port: number;
  user: string;
}

export function sharedPostgres(): PgServer {
  return inject('postgres');
}

/** A new, empty database in `server`; returns its name. */
export async function createTestDatabase(server: PgServer = sharedPostgres()): Promise<string> {
  const name = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await createDatabase(server, name);
  return name;
}

/**
 * Makes every new session of `database` read-only (on) or read-write (off), the way a non-writer
 * looks to its clients: transaction_read_only = on, and an INSERT fails with SQLSTATE 25006.
 * Sessions that are already open keep their setting.
 */
export async function setReadOnly(database: string, on: boolean, server: PgServer = sharedPostgres()): Promise<void> {
  const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database.replaceAll('"', '""')}" SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
  } finally {
    await admin.end();
  }
}

export function poolFor(server: PgServer, database: string): pg.Pool {
  return createPool({ DB_HOST: server.host, DB_PORT: server.port, DB_NAME: database, DB_USER: server.user, DB_AUTH: 'password', DB_PASSWORD: 'unused', DB_SSL: false });
}

/** Rows of the trades table, ordered by order_id. */
export async function tradeRows(pool: pg.Pool): Promise<{ order_id: string; user_id: string; quantity: string; price: string; ordered_at: Date }[]> {
  return (await pool.query('SELECT order_id, user_id, quantity, price, ordered_at FROM trades ORDER BY order_id')).rows;
}

export interface LocalAws {
  dynamo: LocalEndpoint;
  s3: LocalEndpoint;
  dynamoClient: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  s3Client: S3Client;
  /** A new sessions table and audit bucket, unique to the caller. */
  fresh(): Promise<{ table: string; bucket: string }>;
  sessions(table: string): Promise<Record<string, unknown>[]>;
  auditKeys(bucket: string): Promise<string[]>;
  auditBody(bucket: string, key: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalAws(): Promise<LocalAws> {
  const dynamo = await startDynalite();
  const s3 = await startS3rver([]);
  const dynamoClient = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
  const documents = DynamoDBDocumentClient.from(dynamoClient);
  const s3Client = new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    dynamo,
    s3,
    dynamoClient,
    documents,
    s3Client,
    async fresh() {
      const id = randomUUID().slice(0, 8);
      const table = `sessions-${id}`;
      const bucket = `audit-${id}`;
      await createSessionsTable(dynamoClient, table);
      await s3Client.send(new CreateBucketCommand({ Bucket: bucket }));
      return { table, bucket };
    },
    async sessions(table) {
      const out = await documents.send(new ScanCommand({ TableName: table }));
      return (out.Items ?? []).sort((a, b) => String(a.userId).localeCompare(String(b.userId)));
    },
    async auditKeys(bucket) {
      const out = await s3Client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (out.Contents ?? []).map((c) => c.Key!).sort();
    },
    async auditBody(bucket, key) {
      const out = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body!.transformToString();
    },
    async stop() {
      dynamoClient.destroy();
      s3Client.destroy();
      await dynamo.stop();
      await s3.stop();
    },
  };
}

export interface Logged {
  level: 'info' | 'warn' | 'error';
  message: string;
  extra: Record<string, unknown>;
}

export class RecordingLogger implements LogSink {
  readonly entries: Logged[] = [];
  info(message: string, extra: Record<string, unknown>) {
    this.entries.push({ level: 'info', message, extra });
  }
  warn(message: string, extra: Record<string, unknown>) {
    this.entries.push({ level: 'warn', message, extra });
  }
  error(message: string, extra: Record<string, unknown>) {
    this.entries.push({ level: 'error', message, extra });
  }
  /** messageId -> logged reason, for every record that was reported. */
  reasons(): Map<string, string> {
    return new Map(this.entries.filter((e) => typeof e.extra.messageId === 'string' && e.extra.reason).map((e) => [e.extra.messageId as string, String(e.extra.reason)]));
  }
}

export class RecordingMetrics implements MetricSink {
  readonly points: { name: string; unit: MetricUnit; value: number }[] = [];
  addMetric(name: string, unit: MetricUnit, value: number) {
    this.points.push({ name, unit, value });
  }
  value(name: string): number | undefined {
    return this.points.filter((p) => p.name === name).at(-1)?.value;
  }
}

export interface OrderFields {
  orderId: string;
  userId: string;
  symbol: string;
  side: string;
  quantity: number;
  price: number;
  timestamp: string;
}

export function orderBody(overrides: Partial<Record<keyof OrderFields, unknown>> & Record<string, unknown> = {}): string {
  return JSON.stringify({
    orderId: 'ORD-1',
    userId: 'user-1',
    symbol: 'AAPL',
    side: 'BUY',
    quantity: 10,
    price: 189.5,
    timestamp: '2025-01-31T14:30:00Z',
    ...overrides,
  });
}

/** SentTimestamp of the records sqsRecord makes, in epoch ms (2025-01-01T00:00:00Z). */
export const SENT_AT_MS = 1_735_689_600_000;

/** The clock tradeDeps gives the core: one second after the records were acknowledged. */
export const TEST_NOW_MS = SENT_AT_MS + 1_000;

export function sqsRecord(messageId: string, body: string, sentAtMs: number = SENT_AT_MS): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(sentAtMs), SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: '1735689600100' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:trading-test-trade-orders',
    awsRegion: 'us-east-1',
  };
}

/** An SQS event whose records are [messageId, body] pairs. */
export function sqsEvent(records: [string, string][]): SQSEvent {
  return { Records: records.map(([id, body]) => sqsRecord(id, body)) };
}

/** Failed message ids of a batch response, sorted. */
export function failedIds(response: { batchItemFailures: { itemIdentifier: string }[] }): string[] {
  return response.batchItemFailures.map((f) => f.itemIdentifier).sort();
}

/** A fresh database (in the suite's server), table and bucket, and core dependencies wired to them: no test sees another's rows. */
export async function freshWorld(aws: LocalAws) {
  const server = sharedPostgres();
  const database = await createTestDatabase(server);
  const pool = poolFor(server, database);
  const names = await aws.fresh();
  return { pool, database, names, ...tradeDeps(pool, aws, names) };
}

export type TradeWorld = Awaited<ReturnType<typeof freshWorld>>;

/** Core dependencies wired to real services, with the schema applied once per pool (as the migrator does at apply). */
export function tradeDeps(pool: pg.Pool, aws: LocalAws, names: { table: string; bucket: string }) {
  const logger = new RecordingLogger();
  const metrics = new RecordingMetrics();
  const migrations = loadMigrations(MIGRATIONS_DIR);
  let ready: Promise<unknown> | undefined;
  const deps: TradeProcessorDeps = {
    commit: async (items) => {
      ready ??= withClient(pool, (client) => migrateSchema(client, migrations)).catch((e: unknown) => {
        ready = undefined;
        throw e;
      });
      await ready;
      return commitOrders(pool, items, { checkWriter: writerRole });
    },
    documents: aws.documents,
    s3: aws.s3Client,
    // SQS has no local service here: tests mock this instance (aws-sdk-client-mock) where they need it.
    sqs: new SQSClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, endpoint: 'http://127.0.0.1:9' }),
    // The region is active unless a test says otherwise: the flag "true", written 30 s before the clock.
    servingFlag: async () => ({ value: 'true', lastModifiedMs: TEST_NOW_MS - 30_000 }),
    settings: { sessionsTable: names.table, auditBucket: names.bucket, sessionTtlSeconds: 3600, maxOrderAgeSeconds: 60, servingLeaseSeconds: 150 },
    now: () => TEST_NOW_MS,
    logger,
    metrics,
  };
  return { deps, logger, metrics };
}
