// make reconcile: after an unplanned failover, lists the orders the replicated records of the active
// region saw that its writer has not committed, and (COPY_SNAPSHOT=1) secures the old primary's
// snapshot. Calls only the active region, except the old primary's region for the snapshot once that
// region is back in the global cluster (snapshot.ts). Exit 0 nothing missing, 1 orders missing (or the
// snapshot not secured), 2 bad input or a failed read (one line on stderr).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { clientConfig, s3ClientConfig } from '../../functions/shared/aws.ts';
import { createPool, withClient, type DbConfig } from '../../functions/shared/db.ts';
import { writerRole } from '../../functions/shared/writer.ts';
import { parseArgs } from '../core/args.ts';
import { guarded, type Io } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { checkAccount, globalClusterId, loadRunbookEnvironment, partitionOf, regionResources, requireEnvironmentRegion, type RunbookEnvironment } from '../runbook/environment.ts';
import { parseHcl, type HclValue } from '../terraform/hcl.ts';
import { parseEnvironment } from '../terraform/workspace.ts';
import { reconcile } from './compare.ts';
import { canonicalOrderJson } from './order-file.ts';
import { readAuditTrail, readSessions, readTrades } from './records.ts';
import { exitCodeOf, reportJson, reportMarkdown, type Report } from './report.ts';
import { secureFailoverSnapshot } from './snapshot.ts';

export const USAGE = 'reconcile --env <env> --live [--region <region now active>] [--since <ISO time>] [--out <dir>] [--copy-snapshot]';

/** The clients of one region each; injected so the tests pass local services and mocks. */
export interface ReconcileClients {
  sts(region: string): STSClient;
  ssm(region: string): SSMClient;
  rds(region: string): RDSClient;
  s3(region: string): S3Client;
  documents(region: string): DynamoDBDocumentClient;
}

export interface ReconcileDeps {
  clients: () => ReconcileClients;
  /** How to reach the writer at `host` (IAM auth and TLS by default, as the trade processor does). */
  database?: (host: string, region: string) => DbConfig;
  /** LIVE from the environment (make passes LIVE=1). */
  live?: string | undefined;
  root?: string;
  now?: () => Date;
}

function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const made = new Map<string, T>();
  return (region) => {
    let c = made.get(region);
    if (!c) made.set(region, (c = make(region)));
    return c;
  };
}

/** Real clients from the default credential chain, each bound to a named region; short timeouts. */
export function awsReconcileClients(): ReconcileClients {
  const config = (region: string) => clientConfig({ region, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 20_000 });
  return {
    sts: perRegion((region) => new STSClient(config(region))),
    ssm: perRegion((region) => new SSMClient(config(region))),
    rds: perRegion((region) => new RDSClient(config(region))),
    s3: perRegion((region) => new S3Client(s3ClientConfig({ region, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 20_000 }))),
    documents: perRegion((region) => DynamoDBDocumentClient.from(new DynamoDBClient(config(region)))),
  };
}

/**
 * The trade processor's connection (functions/trade-processor/config.ts as the regional stack sets it):
 * port 5432, database "trading" (modules/global-data database_name, which the environments leave at its
 * default), user trade_processor (modules/regional-stack/main.tf db_users; INSERT and SELECT on trades
 * only), an IAM token, TLS verified against the RDS CA (NODE_EXTRA_CA_CERTS).
 */
export function processorDatabase(host: string): DbConfig {
  return { DB_HOST: host, DB_PORT: 5432, DB_NAME: 'trading', DB_USER: 'trade_processor', DB_AUTH: 'iam', DB_SSL: true };
}

const isoTime = z.iso.datetime({ offset: true });

export function parseSince(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  if (!isoTime.safeParse(value).success) throw new UserError(`--since ${value} is not an ISO 8601 date-time with a time zone, e.g. 2026-11-29T14:00:00Z.`);
  const since = new Date(value);
  if (since.getTime() > now.getTime()) throw new UserError(`--since ${value} is in the future: give the time of the last order known to be replicated, or earlier.`);
  return since;
}

/** What tfvars adds to the runbook's names: the bucket prefix and the backup retention. */
export interface ReconcileNames {
  auditBucket: string;
  sessionsTable: string;
  writerEndpointParameter: string;
  retentionDays?: number | undefined;
}

export async function reconcileNames(e: RunbookEnvironment, region: string, root: string): Promise<ReconcileNames> {
  const values = (await parseHcl(e.file, readFileSync(join(root, e.file), 'utf8'))) as Record<string, HclValue>;
  const prefix = values.bucket_name_prefix;
  if (prefix !== undefined && prefix !== null && (typeof prefix !== 'string' || !/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(prefix))) {
    throw new UserError(`${e.file}: bucket_name_prefix must be lower-case letters, digits and hyphens (got ${JSON.stringify(prefix)}).`);
  }
  const db = values.regional_database;
  const days = db && typeof db === 'object' && !Array.isArray(db) ? db.backup_retention_days : undefined;
  return {
    // environments/shared/main.tf: coalesce(var.bucket_name_prefix, "${local.name_prefix}-${var.account_id}");
    // modules/global-data/modules/regional-buckets/main.tf: "${var.bucket_name_prefix}-${kind}-${local.region}".
    auditBucket: `${typeof prefix === 'string' ? prefix : `${e.namePrefix}-${e.accountId}`}-audit-${region}`,
    // modules/global-data/dynamodb.tf: sessions_table_name = "${var.name_prefix}-sessions".
    sessionsTable: `${e.namePrefix}-sessions`,
    // modules/regional-stack/parameters.tf: "${var.ssm_prefix}/${local.region}/db-writer-endpoint".
    writerEndpointParameter: `${e.ssmPrefix}/${region}/db-writer-endpoint`,
    retentionDays: typeof days === 'number' ? days : undefined,
  };
}

/** "20261129T160500Z": sortable, and safe in a file name on every platform. */
export const fileStamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function errorText(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string; errors?: { message?: string }[] };
  const message = e?.message || e?.errors?.map((x) => x.message).filter(Boolean).join('; ') || e?.code || String(error);
  return `${e?.code && e.code !== e.name ? `${e.code} ` : ''}${message}`;
}

export function reconcileCommand(argv: readonly string[], io: Io, deps: ReconcileDeps): Promise<number> {
  return guarded('reconcile', io, async () => {
    const args = parseArgs(argv, { values: ['env', 'region', 'since', 'out'], flags: ['live', 'copy-snapshot'] });
    if (args.help) {
      io.stdout(`Usage: ${USAGE}\nLists the orders acknowledged in the audit trail or the sessions of REGION that its writer has not committed.\n`);
      return 0;
    }
    if (args.positionals.length) throw new UserError(`Unexpected argument ${args.positionals[0]}: use ${USAGE}.`);
    const envName = parseEnvironment(args.values.get('env'));
    if (!args.flags.has('live') && deps.live !== '1') {
      throw new UserError(`make reconcile reads the active region's audit bucket, sessions table and database with your credentials, so it only runs live: make reconcile ENV=${envName} LIVE=1.`);
    }
    const now = (deps.now ?? (() => new Date()))();
    const since = parseSince(args.values.get('since'), now);
    const root = deps.root ?? repoRoot;
    const env = await loadRunbookEnvironment(envName, root);
    // Without --region: the secondary, where an unplanned failover of the primary lands. The writer
    // check below refuses a region whose database is not the writer.
    const region = args.values.get('region') ?? env.regions.secondary;
    requireEnvironmentRegion(env, region, 'REGION');
    const oldRegion = region === env.regions.primary ? env.regions.secondary : env.regions.primary;
    const names = await reconcileNames(env, region, root);
    const outDir = resolve(args.values.get('out') ?? join(root, 'build', 'reconcile'));
    const clients = deps.clients();

    const identity = await clients
      .sts(region)
      .send(new GetCallerIdentityCommand({}))
      .catch((error: unknown) => {
        throw new UserError(`STS in ${region} did not answer: ${errorText(error)}`);
      });
    const account = checkAccount(env, identity.Account, identity.Arn);

    const endpoint = await clients
      .ssm(region)
      .send(new GetParameterCommand({ Name: names.writerEndpointParameter }))
      .then((out) => out.Parameter?.Value)
      .catch((error: unknown) => {
        throw new UserError(`SSM in ${region} did not give the writer endpoint ${names.writerEndpointParameter}: ${errorText(error)}`);
      });
    if (!endpoint) throw new UserError(`SSM parameter ${names.writerEndpointParameter} in ${region} is empty.`);
    const dbConfig = (deps.database ?? processorDatabase)(endpoint, region);
    const database = `${dbConfig.DB_HOST}:${dbConfig.DB_PORT}/${dbConfig.DB_NAME}`;

    // The records first, the rows second: an order committed meanwhile shows up as a row no record saw
    // (informational), never as a false "missing".
    const window = { since, until: now };
    const audit = await readAuditTrail(clients.s3(region), names.auditBucket, window).catch((error: unknown) => {
      throw new UserError(`S3 in ${region} did not give the audit trail of s3://${names.auditBucket}/trades/: ${errorText(error)}`);
    });
    const sessions = await readSessions(clients.documents(region), names.sessionsTable, window).catch((error: unknown) => {
      throw new UserError(`DynamoDB in ${region} did not give the sessions of ${names.sessionsTable}: ${errorText(error)}`);
    });

    const pool = createPool(dbConfig, region, { applicationName: 'reconcile', timeoutMs: 10_000 });
    let rows;
    try {
      rows = await withClient(pool, async (client) => {
        const role = await writerRole(client);
        if (!role.writer) {
          throw new UserError(`The database at ${database} in ${region} is not the writer (${role.reason}): pass REGION=<the region now active>.`);
        }
        const seen = [...audit.records.map((a) => a.order.orderId), ...sessions.records.map((s) => s.orderId)];
        return readTrades(client, window, seen);
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`Cannot read the trades table at ${database} in ${region} as ${dbConfig.DB_USER}: ${errorText(error)}`);
    } finally {
      await pool.end().catch(() => undefined);
    }

    const stamp = fileStamp(now);
    const base = `reconcile-${envName}-${stamp}`;
    const ordersDir = join(outDir, `${base}-orders`);
    const shown = (p: string) => {
      const r = relative(process.cwd(), p);
      return r && !r.startsWith('..') ? r : p;
    };
    const result = reconcile({
      audit: audit.records,
      sessions: sessions.records,
      rows,
      unreadable: [...audit.unreadable, ...sessions.unreadable],
      since,
      resubmit: (orderId) => `npm run --silent client -- submit --env ${envName} --order ${shown(join(ordersDir, `${orderId}.json`))}`,
    });

    const { partition } = partitionOf(oldRegion);
    const oldCluster = regionResources(env, oldRegion, account).clusterIdentifier;
    const snapshot = args.flags.has('copy-snapshot')
      ? await secureFailoverSnapshot(clients.rds, {
          env: envName,
          globalClusterId: globalClusterId(env),
          activeRegion: region,
          oldRegion,
          oldClusterId: oldCluster,
          oldClusterArn: `arn:${partition}:rds:${oldRegion}:${account}:cluster:${oldCluster}`,
          retentionDays: names.retentionDays,
        })
      : undefined;

    const report: Report = {
      env: envName,
      region,
      generatedAt: now.toISOString(),
      ...(since ? { since: since.toISOString() } : {}),
      sources: { auditBucket: names.auditBucket, sessionsTable: names.sessionsTable, database },
      result,
      ...(snapshot ? { snapshot } : {}),
    };
    mkdirSync(outDir, { recursive: true });
    const complete = result.missing.filter((m) => m.complete);
    if (complete.length) {
      mkdirSync(ordersDir, { recursive: true });
      for (const m of complete) writeFileSync(join(ordersDir, `${m.orderId}.json`), canonicalOrderJson(m));
    }
    const md = join(outDir, `${base}.md`);
    const json = join(outDir, `${base}.json`);
    writeFileSync(md, reportMarkdown(report));
    writeFileSync(json, reportJson(report));

    io.stdout(
      `${result.missing.length} acknowledged order(s) missing from the writer in ${region}${result.missing.length ? `: ${result.missing.map((m) => m.orderId).join(', ')}` : ''}; ` +
        `${result.conflicts.length} conflict(s); ${result.unrecorded.length} row(s) no record saw.\n` +
        result.missing
          .map((m) => `  ${m.orderId}  ${m.userId}  ${[m.side, m.quantity ?? '?', m.symbol ?? '?'].join(' ')} @ ${m.price ?? '?'}  ${m.timestamp}  seen in ${m.seenIn.join(', ')}\n`)
          .join('') +
        (snapshot ? `Old primary's snapshot (${snapshot.region}): ${snapshot.status}.\n` : '') +
        `Report: ${shown(md)} and ${shown(json)}\n`,
    );
    return exitCodeOf(report);
  });
}
