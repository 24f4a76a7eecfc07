#!/usr/bin/env -S npx tsx
// npm run bench:functions: figures for the Lambda functions, measured on this machine against the
// local services. Prints; asserts nothing.
//   1. trade-processor throughput for batches of 10, 100 and 1,000 records (whole core: insert,
//      session upsert, audit write), and the database step alone: one multi-row insert against one
//      INSERT per record, in one transaction either way;
//   2. size of each zip;
//   3. cold init of each bundle: a fresh Node process imports index.mjs (config, clients), median of runs.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { processTradeBatch } from '../functions/trade-processor/core.ts';
import { SOURCE_MIGRATIONS_DIR, loadMigrations, migrateSchema } from '../functions/db-migrator/migrate.ts';
import { parseOrder, orderDigest, type Order } from '../functions/trade-processor/order.ts';
import { callerMessageAttributes } from '../functions/trade-processor/identity.ts';
import { createPool, withClient } from '../functions/shared/db.ts';
import { commitOrders, type OrderToCommit } from '../functions/trade-processor/store.ts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { buildAll } from '../tooling/functions/bundle.ts';
import { unpackBundle } from '../tooling/functions/invoke.ts';
import { LOCAL_NAMES, startLocalStack } from '../tooling/functions/local-stack.ts';

const BATCH_SIZES = [10, 100, 1000];
const RUNS = 5;
const INIT_RUNS = 7;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function orders(prefix: string, n: number): OrderToCommit[] {
  return Array.from({ length: n }, (_, i) => {
    const parsed = parseOrder(
      JSON.stringify({ orderId: `${prefix}-${i}`, userId: `user-${i % 50}`, symbol: 'AAPL', side: i % 2 ? 'BUY' : 'SELL', quantity: i + 1, price: 189.5, timestamp: '2025-01-31T14:30:00Z' }),
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    return { order: parsed.order, messageId: `${prefix}-m-${i}` };
  });
}

/** The baseline the batch insert replaces: one INSERT statement per record, same transaction. */
async function insertOneByOne(pool: pg.Pool, items: OrderToCommit[]): Promise<void> {
  await withClient(pool, async (client) => {
    await client.query('BEGIN');
    for (const { order, messageId } of items) {
      const o: Order = order;
      await client.query(
        `INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id) DO NOTHING`,
        [o.orderId, o.userId, o.symbol, o.side, String(o.quantity), String(o.price), o.timestamp, orderDigest(o), messageId],
      );
    }
    await client.query('COMMIT');
  });
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  process.stderr.write('building bundles...\n');
  const bundles = await buildAll();

  process.stderr.write('starting PostgreSQL, dynalite and s3rver...\n');
  const stack = await startLocalStack();
  try {
    const pool = createPool({
      DB_HOST: stack.pg.host,
      DB_PORT: stack.pg.port,
      DB_NAME: LOCAL_NAMES.database,
      DB_USER: stack.pg.user,
      DB_AUTH: 'password',
      DB_PASSWORD: 'local',
      DB_SSL: false,
    });
    await withClient(pool, (client) => migrateSchema(client, loadMigrations(SOURCE_MIGRATIONS_DIR)));
    const documents = DynamoDBDocumentClient.from(stack.dynamoClient());
    const s3 = stack.s3Client();
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

    const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    console.log(`trade-processor throughput, median of ${RUNS} runs (PostgreSQL ${version}, dynalite and s3rver on 127.0.0.1).`);
    console.log('The whole-batch figure is bound by the local DynamoDB and S3 stand-ins, not by the function.');
    console.log('  records   whole batch ms   records/s | insert: multi-row ms   per-record ms   ratio');
    for (const n of BATCH_SIZES) {
      const whole: number[] = [];
      const multi: number[] = [];
      const single: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const tag = `${n}-${r}`;
        const event = {
          Records: orders(`W${tag}`, n).map(({ order, messageId }) => ({
            messageId,
            receiptHandle: messageId,
            body: JSON.stringify(order),
            attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'bench', ApproximateFirstReceiveTimestamp: '0' },
            messageAttributes: callerMessageAttributes({ subjectDN: `CN=${order.userId},O=Bench`, issuerDN: 'CN=Bench CA' }),
            md5OfBody: '',
            eventSource: 'aws:sqs',
            eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench',
            awsRegion: 'us-east-1',
          })),
        };
        whole.push(
          await time(() =>
            processTradeBatch(event, {
              commit: (items) => commitOrders(pool, items),
              documents,
              s3,
              // Never called: the region is active and the local database is the writer.
              sqs: new SQSClient({ region: 'us-east-1' }),
              servingFlag: async () => ({ value: 'true', lastModifiedMs: 0 }),
              settings: { sessionsTable: LOCAL_NAMES.sessionsTable, auditBucket: LOCAL_NAMES.auditBucket, sessionTtlSeconds: 86400, maxOrderAgeSeconds: 60, servingLeaseSeconds: 150 },
              // The records' SentTimestamp is 0: a clock at 0 keeps them fresh.
              now: () => 0,
              logger: quiet,
            }),
          ),
        );
        multi.push(await time(() => commitOrders(pool, orders(`M${tag}`, n))));
        single.push(await time(() => insertOneByOne(pool, orders(`S${tag}`, n))));
      }
      const w = median(whole);
      console.log(
        `  ${String(n).padStart(7)} ${fmt(w)}        ${fmt((n / w) * 1000, 0)} | ${fmt(median(multi))}           ${fmt(median(single))}     ${fmt(median(single) / median(multi))}x`,
      );
    }
    await pool.end();
    documents.destroy();
    s3.destroy();

    console.log('\nbundles (build/functions)');
    for (const b of bundles) console.log(`  ${b.name.padEnd(20)} ${fmt(b.bytes / 1024)} KiB  sha256 ${b.sha256}`);

    console.log(`\ncold init: fresh node process imports index.mjs (config + clients), median of ${INIT_RUNS}`);
    for (const b of bundles) {
      const dir = await unpackBundle(b.path);
      try {
        const probe = `const t=performance.now();try{await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});process.stdout.write(String(performance.now()-t))}catch(e){process.stdout.write('init failed: '+e.message)}`;
        const samples: number[] = [];
        let failure: string | undefined;
        for (let r = 0; r < INIT_RUNS; r++) {
          const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
            env: { PATH: process.env.PATH, ...stack.envFor(b.name) },
            stdio: ['ignore', 'pipe', 'ignore'],
          }).toString();
          if (out.startsWith('init failed')) {
            failure = out;
            break;
          }
          samples.push(Number(out));
        }
        console.log(`  ${b.name.padEnd(20)} ${failure ? `(${failure})` : `${fmt(median(samples))} ms`}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await stack.stop();
  }
}

await main();
