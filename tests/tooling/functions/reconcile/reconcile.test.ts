// make reconcile against real local services: orders written with the trade processor's own store and
// effects into PostgreSQL, dynalite and s3rver, then an unreplicated tail deleted from the "new writer"
// (rows removed from PostgreSQL). The command must list exactly those orders, read only the active
// region, and refuse bad input in one line. RDS has no local equivalent: the snapshot cases mock it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CopyDBClusterSnapshotCommand, DescribeDBClusterSnapshotsCommand, DescribeGlobalClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upsertSession } from '../../../../functions/trade-processor/effects.ts';
import { auditKey, type Order } from '../../../../functions/trade-processor/order.ts';
import { commitOrders } from '../../../../functions/trade-processor/store.ts';
import type { Io } from '../../../../tooling/core/cli.ts';
import { freePort } from '../../../../tooling/functions/local-services.ts';
import { createSessionsTable, prepareDatabase } from '../../../../tooling/functions/local-stack.ts';
import { reconcileCommand, type ReconcileClients, type ReconcileDeps } from '../../../../tooling/reconcile/command.ts';
import { manualCopyId } from '../../../../tooling/reconcile/snapshot.ts';
import { auditPrefixes } from '../../../../tooling/reconcile/records.ts';
import { iamAction } from '../../../../tooling/aws-models/iam.ts';
import { repoRoot } from '../../../../tooling/core/paths.ts';
import { createTestDatabase, poolFor, setReadOnly, sharedPostgres, startLocalAws, type LocalAws } from '../../../functions/support/services.ts';

const ACCOUNT = '210987654321';
const PRIMARY = 'us-east-1';
const SECONDARY = 'us-east-2';
const NOW = new Date('2026-11-29T15:00:00.000Z');
const STAMP = '20261129T150000Z';
const CALLER = { subjectDN: 'CN=desk-client-1,O=Trading', issuerDN: 'CN=Trading Client CA' };

const tfvars = (project: string) => `
project     = "${project}"
environment = "prod"
allowed_account_ids = ["${ACCOUNT}"]
account_id          = "${ACCOUNT}"
primary_region   = "${PRIMARY}"
secondary_region = "${SECONDARY}"
regional_database = { min_capacity = 0.5, max_capacity = 2, instance_count = 1, backup_retention_days = 14 }
`;

function captureIo(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (s) => void (out += s), stderr: (s) => void (err += s), out: () => out, err: () => err };
}

/** ORD-000..ORD-<n-1>, 10 s apart from 14:00, users u0..u3 in turn: the last four are each user's latest. */
function orders(n: number): Order[] {
  return Array.from({ length: n }, (_, i) => ({
    orderId: `ORD-${String(i).padStart(3, '0')}`,
    userId: `u${i % 4}`,
    symbol: ['AAPL', 'MSFT', 'BRK.B', 'TSLA'][i % 4]!,
    side: i % 3 === 0 ? 'SELL' : 'BUY',
    quantity: 10 + i,
    price: 100.25 + i,
    timestamp: new Date(Date.UTC(2026, 10, 29, 14, 0, 0) + i * 10_000).toISOString(),
  }));
}

let aws: LocalAws;
let serial = 0;
const pools: pg.Pool[] = [];
const roots: string[] = [];
const sts = mockClient(STSClient);
const ssm = mockClient(SSMClient);

beforeAll(async () => {
  aws = await startLocalAws();
});
afterEach(() => {
  sts.reset();
  ssm.reset();
});
afterAll(async () => {
  sts.restore();
  ssm.restore();
  await Promise.all(pools.map((p) => p.end()));
  await aws?.stop();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** One environment's active region (us-east-2): its bucket, table and database, and the command's deps. */
async function world(options: { dbPort?: number } = {}) {
  const project = `rc${++serial}x${Math.random().toString(36).slice(2, 6)}`;
  const root = mkdtempSync(join(tmpdir(), 'reconcile-'));
  roots.push(root);
  mkdirSync(join(root, 'environments', 'prod'), { recursive: true });
  writeFileSync(join(root, 'environments', 'prod', 'terraform.tfvars'), tfvars(project));
  const bucket = `${project}-prod-${ACCOUNT}-audit-${SECONDARY}`;
  const table = `${project}-prod-sessions`;
  await aws.s3Client.send(new CreateBucketCommand({ Bucket: bucket }));
  await createSessionsTable(aws.dynamoClient, table);
  const server = sharedPostgres();
  const database = await createTestDatabase(server);
  await prepareDatabase(server, database);
  const pool = poolFor(server, database);
  pools.push(pool);

  const regions: string[] = [];
  const rds = new Map([PRIMARY, SECONDARY].map((r) => [r, new RDSClient({ region: r, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } })]));
  const rdsMocks = new Map([...rds].map(([r, c]) => [r, mockClient(c)]));
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/operator/alice` });
  ssm.on(GetParameterCommand, { Name: `/${project}/prod/${SECONDARY}/db-writer-endpoint` }).resolves({ Parameter: { Value: server.host } });
  const clients: ReconcileClients = {
    sts: (r) => (regions.push(`sts ${r}`), new STSClient({ region: r })),
    ssm: (r) => (regions.push(`ssm ${r}`), new SSMClient({ region: r })),
    rds: (r) => (regions.push(`rds ${r}`), rds.get(r)!),
    s3: (r) => (regions.push(`s3 ${r}`), aws.s3Client),
    documents: (r) => (regions.push(`dynamodb ${r}`), aws.documents),
  };
  const out = join(root, 'out');
  const deps: ReconcileDeps = {
    clients: () => clients,
    live: '1',
    root,
    now: () => NOW,
    database: (host) => ({ DB_HOST: host, DB_PORT: options.dbPort ?? server.port, DB_NAME: database, DB_USER: server.user, DB_AUTH: 'password', DB_PASSWORD: 'local', DB_SSL: false }),
  };

  return {
    project,
    database,
    root,
    out,
    deps,
    regions,
    rdsMocks,
    /** What the trade processor does per committed order: the row, the session, the audit object. */
    async write(list: Order[]) {
      await commitOrders(pool, list.map((order, i) => ({ order, messageId: `m-${i}` })));
      for (const order of list) {
        await upsertSession(aws.documents, table, 86_400, order);
        // The audit body as the processor writes it (order.ts auditBody): the order and its caller.
        const body = JSON.stringify({ ...order, clientSubjectDN: CALLER.subjectDN, clientIssuerDN: CALLER.issuerDN });
        await aws.s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: auditKey(order), Body: body, ContentType: 'application/json' }));
      }
    },
    /** The unreplicated tail: rows the new writer never received. */
    async dropRows(ids: string[]) {
      await pool.query('DELETE FROM trades WHERE order_id = ANY($1::text[])', [ids]);
    },
    async dropAudit(order: Order) {
      await aws.s3Client.send(new DeleteObjectCommand({ Bucket: bucket, Key: auditKey(order) }));
    },
    async putAudit(key: string, body: string) {
      await aws.s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
    },
    /** A row committed with no record of it (e.g. while the records were being read). */
    async rowOnly(order: Order) {
      await commitOrders(pool, [{ order, messageId: 'm-row-only' }]);
    },
    report(kind: 'json' | 'md' = 'json') {
      const text = readFileSync(join(out, `reconcile-prod-${STAMP}.${kind}`), 'utf8');
      return kind === 'json' ? JSON.parse(text) : text;
    },
  };
}

const run = (argv: string[], deps: ReconcileDeps) => {
  const io = captureIo();
  return reconcileCommand(argv, io, deps).then((code) => ({ code, out: io.out(), err: io.err() }));
};

describe('make reconcile after an unplanned failover into us-east-2', () => {
  it('lists exactly the acknowledged orders the new writer lacks, with their facts and what to do, and reads only us-east-2', async () => {
    // Prepare: 12 orders everywhere, then the last three lost from the writer; the last one's audit
    // object was not replicated either, so only its session saw it; one row that no record saw.
    const w = await world();
    const all = orders(12);
    await w.write(all);
    await w.dropRows(['ORD-009', 'ORD-010', 'ORD-011']);
    await w.dropAudit(all[11]!);
    await w.rowOnly({ orderId: 'ORD-X01', userId: 'u9', symbol: 'IBM', side: 'BUY', quantity: 1, price: 2, timestamp: '2026-11-29T14:59:00.000Z' });

    // Act
    const r = await run(['--env', 'prod', '--region', SECONDARY, '--out', w.out], w.deps);

    // Assess
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const report = w.report();
    expect(report.result.missing.map((m: { orderId: string }) => m.orderId)).toEqual(['ORD-009', 'ORD-010', 'ORD-011']);
    expect(report.result.missing[0]).toMatchObject({
      orderId: 'ORD-009',
      userId: 'u1',
      symbol: 'MSFT',
      side: 'SELL',
      quantity: 19,
      price: 109.25,
      timestamp: '2026-11-29T14:01:30.000Z',
      clientSubjectDN: CALLER.subjectDN,
      seenIn: ['audit', 'sessions'],
      complete: true,
    });
    expect(report.result.missing[0].action).toContain('same orderId');
    expect(report.result.missing[2]).toMatchObject({ orderId: 'ORD-011', userId: 'u3', symbol: 'TSLA', seenIn: ['sessions'], complete: false });
    expect(report.result.missing[2].quantity).toBeUndefined();
    expect(report.result.missing[2].action).toContain("order_id = 'ORD-011'");
    expect(report.result.unrecorded.map((u: { orderId: string }) => u.orderId)).toEqual(['ORD-X01']);
    expect(report.result.conflicts).toEqual([]);
    expect(report.result.counts).toMatchObject({ audit: 11, sessions: 4, acknowledged: 12, committed: 9 });
    // The order file the reference client resubmits is the order itself, unchanged.
    const file = join(w.out, `reconcile-prod-${STAMP}-orders`, 'ORD-009.json');
    const { orderId, userId, symbol, side, quantity, price, timestamp } = all[9]!;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ orderId, userId, symbol, side, quantity, price, timestamp });
    expect(existsSync(join(w.out, `reconcile-prod-${STAMP}-orders`, 'ORD-011.json'))).toBe(false);
    expect(w.report('md')).toContain('| ORD-010 | u2 | BRK.B | BUY | 20 | 110.25 | 2026-11-29T14:01:40.000Z | audit, sessions |');
    expect(r.out).toContain('3 acknowledged order(s) missing from the writer in us-east-2: ORD-009, ORD-010, ORD-011');
    expect(r.out).toContain('\n  ORD-009  u1  SELL 19 MSFT @ 109.25  2026-11-29T14:01:30.000Z  seen in audit, sessions\n');
    expect(r.out).toContain('\n  ORD-011  u3  BUY ? TSLA @ ?  2026-11-29T14:01:50.000Z  seen in sessions\n');
    expect(new Set(w.regions.map((c) => c.split(' ')[1]))).toEqual(new Set([SECONDARY]));
  });

  it('limits the window with --since: orders timestamped before it are not compared', async () => {
    const w = await world();
    await w.write(orders(12));
    await w.dropRows(['ORD-002', 'ORD-010', 'ORD-011']);
    const r = await run(['--env', 'prod', '--region', SECONDARY, '--since', '2026-11-29T14:01:35Z', '--out', w.out, '--live'], { ...w.deps, live: undefined });
    expect(r.code).toBe(1);
    expect(w.report().result.missing.map((m: { orderId: string }) => m.orderId)).toEqual(['ORD-010', 'ORD-011']);
    expect(w.report().since).toBe('2026-11-29T14:01:35.000Z');
  });

  it('exits 0 and says so when every acknowledged order is in the writer', async () => {
    const w = await world();
    await w.write(orders(6));
    const r = await run(['--env', 'prod', '--out', w.out], w.deps);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(w.report().result.missing).toEqual([]);
    expect(w.report().result.counts).toMatchObject({ acknowledged: 6, committed: 6, rows: 6 });
    expect(w.report('md')).toContain('None: every order the audit trail and the sessions saw is committed in the writer.');
    expect(r.out).toMatch(/^0 acknowledged order\(s\) missing from the writer in us-east-2;/);
  });
});

describe('make reconcile with records it cannot match', () => {
  it('reports a row whose content differs from its audit object as a conflict, not as committed, and lists unreadable audit objects', async () => {
    // Prepare: the writer holds ORD-003 with another quantity than the one acknowledged.
    const w = await world();
    const all = orders(6);
    await w.write(all);
    await w.dropRows(['ORD-003']);
    await w.rowOnly({ ...all[3]!, quantity: 999 });
    await w.putAudit('trades/2026/11/29/ORD-BAD.json', 'not json');
    await w.putAudit('trades/2026/11/29/ORD-KEY.json', JSON.stringify({ ...all[0]!, orderId: 'ORD-OTHER' }));

    // Act
    const r = await run(['--env', 'prod', '--out', w.out], w.deps);

    // Assess
    expect(r.code).toBe(1);
    const result = w.report().result;
    expect(result.missing).toEqual([]);
    expect(result.conflicts.map((c: { orderId: string }) => c.orderId)).toEqual(['ORD-003']);
    expect(result.conflicts[0].action).toMatch(/^Do not resubmit/);
    expect(result.unreadable.map((u: { where: string }) => u.where).sort()).toEqual([
      expect.stringMatching(/\/trades\/2026\/11\/29\/ORD-BAD\.json$/),
      expect.stringMatching(/\/trades\/2026\/11\/29\/ORD-KEY\.json$/),
    ]);
    expect(w.report('md')).toContain('## Rows that contradict their audit record');
  });
});

describe('manual snapshot identifiers', () => {
  it('stay within what CopyDBClusterSnapshot accepts for the longest cluster names', () => {
    const id = manualCopyId('abcdefghijklmno-staging-us-gov-west-1', new Date('2026-11-29T15:02:10Z'), 'unused');
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/);
    expect(id.endsWith('-lost-writes-20261129t1502')).toBe(true);
  });
});

describe('make reconcile refuses bad input in one line', () => {
  it.each([
    [['--env', 'qa', '--live'], /^reconcile: error: Unknown environment "qa": use one of .*\n$/],
    [['--env', 'prod', '--live', '--since', 'yesterday'], /^reconcile: error: --since yesterday is not an ISO 8601 date-time with a time zone, e\.g\. .*\n$/],
    [['--env', 'prod', '--live', '--since', '2026-11-29T16:00:00Z'], /^reconcile: error: --since 2026-11-29T16:00:00Z is in the future/],
    [['--env', 'prod', '--live', '--region', 'eu-west-1'], /^reconcile: error: REGION eu-west-1 is neither region of prod \(us-east-1, us-east-2\)\.\n$/],
    [['--env', 'prod', '--live', '--bogus'], /^reconcile: error: Unknown option --bogus/],
  ])('%j', async (argv, message) => {
    const w = await world();
    const r = await run(argv, w.deps);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(2);
    expect(w.regions).toEqual([]);
  });

  it('runs only live', async () => {
    const w = await world();
    const r = await run(['--env', 'prod'], { ...w.deps, live: undefined });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "reconcile: error: make reconcile reads the active region's audit bucket, sessions table and database with your credentials, so it only runs live: make reconcile ENV=prod LIVE=1.\n",
    );
    expect(w.regions).toEqual([]);
  });

  it('refuses a region whose database is not the writer, and writes no report', async () => {
    const w = await world();
    await w.write(orders(2));
    await setReadOnly(w.database, true);
    const r = await run(['--env', 'prod', '--out', w.out], w.deps);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^reconcile: error: The database at 127\.0\.0\.1:\d+\/t_\w+ in us-east-2 is not the writer \(read-only\): pass REGION=<the region now active>\.\n$/);
    expect(existsSync(w.out)).toBe(false);
  });

  it('names the endpoint when the database does not answer, and writes no report', async () => {
    const port = await freePort();
    const w = await world({ dbPort: port });
    await w.write(orders(2));
    const r = await run(['--env', 'prod', '--out', w.out], w.deps);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^reconcile: error: Cannot read the trades table at 127\\.0\\.0\\.1:${port}/t_\\w+ in us-east-2 as \\w+: .*ECONNREFUSED.*\\n$`));
    expect(r.err.split('\n')).toHaveLength(2);
    expect(existsSync(w.out)).toBe(false);
  });
});

describe('make reconcile COPY_SNAPSHOT=1: the old primary us-east-1 snapshot', () => {
  const OLD_ARN = `arn:aws:rds:${PRIMARY}:${ACCOUNT}:cluster:`;
  const members = (project: string, oldStatus?: 'connected' | 'pending-resync') => ({
    GlobalClusters: [
      {
        GlobalClusterIdentifier: `${project}-prod-global`,
        GlobalClusterMembers: [
          { DBClusterArn: `arn:aws:rds:${SECONDARY}:${ACCOUNT}:cluster:${project}-prod-${SECONDARY}`, IsWriter: true, SynchronizationStatus: 'connected' as const },
          ...(oldStatus ? [{ DBClusterArn: `${OLD_ARN}${project}-prod-${PRIMARY}`, IsWriter: false, SynchronizationStatus: oldStatus }] : []),
        ],
      },
    ],
  });

  it('finds the failover snapshot in us-east-1 once it rejoined and copies it to a manual snapshot there', async () => {
    // Prepare
    const w = await world();
    await w.write(orders(3));
    const old = `${w.project}-prod-${PRIMARY}`;
    const source = `rds:unplanned-global-failover-${old}-2026-11-29-15-02`;
    w.rdsMocks.get(SECONDARY)!.on(DescribeGlobalClustersCommand, { GlobalClusterIdentifier: `${w.project}-prod-global` }).resolves(members(w.project, 'connected'));
    w.rdsMocks
      .get(PRIMARY)!
      .on(DescribeDBClusterSnapshotsCommand, { Marker: undefined })
      .resolves({
        DBClusterSnapshots: [
          { DBClusterSnapshotIdentifier: `rds:${old}-2026-11-28-03-00`, Status: 'available', SnapshotCreateTime: new Date('2026-11-28T03:00:00Z') },
          { DBClusterSnapshotIdentifier: 'rds:unplanned-global-failover-other-cluster-2026-11-29-15-02', Status: 'available', SnapshotCreateTime: new Date('2026-11-29T15:05:00Z') },
        ],
        Marker: 'page-2',
      })
      .on(DescribeDBClusterSnapshotsCommand, { Marker: 'page-2' })
      .resolves({
        DBClusterSnapshots: [
          { DBClusterSnapshotIdentifier: source, DBClusterSnapshotArn: `arn:aws:rds:${PRIMARY}:${ACCOUNT}:cluster-snapshot:${source}`, Status: 'available', SnapshotCreateTime: new Date('2026-11-29T15:02:10Z') },
        ],
      })
      .on(CopyDBClusterSnapshotCommand)
      .resolves({});

    // Act
    const r = await run(['--env', 'prod', '--out', w.out, '--copy-snapshot'], w.deps);

    // Assess
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const copies = w.rdsMocks.get(PRIMARY)!.commandCalls(CopyDBClusterSnapshotCommand);
    expect(copies.map((c) => c.args[0].input)).toEqual([
      {
        SourceDBClusterSnapshotIdentifier: source,
        TargetDBClusterSnapshotIdentifier: `${old}-lost-writes-20261129t1502`,
        CopyTags: true,
        Tags: [
          { Key: 'purpose', Value: 'unplanned-global-failover' },
          { Key: 'source-snapshot', Value: source },
        ],
      },
    ]);
    expect(w.rdsMocks.get(SECONDARY)!.commandCalls(CopyDBClusterSnapshotCommand)).toHaveLength(0);
    expect(w.report().snapshot).toMatchObject({ status: 'copied', region: PRIMARY, reachable: true, target: `${old}-lost-writes-20261129t1502`, source: { id: source } });
    expect(r.out).toContain(`Old primary's snapshot (${PRIMARY}): copied.`);
  });

  it('says when us-east-1 is back but holds no failover snapshot, and exits 1', async () => {
    const w = await world();
    await w.write(orders(3));
    w.rdsMocks.get(SECONDARY)!.on(DescribeGlobalClustersCommand).resolves(members(w.project, 'connected'));
    w.rdsMocks.get(PRIMARY)!.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    const r = await run(['--env', 'prod', '--out', w.out, '--copy-snapshot'], w.deps);
    expect(r.code).toBe(1);
    expect(w.report().result.missing).toEqual([]);
    expect(w.report().snapshot).toMatchObject({ status: 'missing', region: PRIMARY, reachable: true });
    expect(w.rdsMocks.get(PRIMARY)!.commandCalls(CopyDBClusterSnapshotCommand)).toHaveLength(0);
  });

  it.each([
    ['not a member of the global cluster', undefined],
    ['a member still being rebuilt', 'pending-resync' as const],
  ])('does not call us-east-1 while its cluster is %s, and says what to run once it is back', async (_, status) => {
    const w = await world();
    await w.write(orders(3));
    w.rdsMocks.get(SECONDARY)!.on(DescribeGlobalClustersCommand).resolves(members(w.project, status));
    const r = await run(['--env', 'prod', '--out', w.out, '--copy-snapshot'], w.deps);
    expect(r.code).toBe(1);
    expect(w.rdsMocks.get(PRIMARY)!.calls()).toHaveLength(0);
    expect(w.regions.filter((c) => c.endsWith(PRIMARY))).toEqual([]);
    const snapshot = w.report().snapshot;
    expect(snapshot).toMatchObject({ status: 'lost-region', region: PRIMARY, reachable: false });
    expect(snapshot.instructions.join('\n')).toContain(`make reconcile ENV=prod LIVE=1 REGION=${SECONDARY} COPY_SNAPSHOT=1`);
    expect(snapshot.instructions.join('\n')).toContain('14 days in this environment');
    expect(w.report('md')).toContain(`Lives in ${PRIMARY} (not reachable from this run); status: **lost-region**.`);
  });
});

describe('audit prefixes', () => {
  it('list each UTC day of the window and the day after, or the whole trail when the window is open or long', () => {
    expect(auditPrefixes(new Date('2026-11-28T23:00:00Z'), NOW)).toEqual(['trades/2026/11/28/', 'trades/2026/11/29/', 'trades/2026/11/30/']);
    expect(auditPrefixes(undefined, NOW)).toEqual(['trades/']);
    expect(auditPrefixes(new Date('2026-01-01T00:00:00Z'), NOW)).toEqual(['trades/']);
  });
});

describe('docs/reconcile.md permissions', () => {
  it('names exactly the IAM actions the command calls, each one known to the Service Authorization Reference', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'reconcile.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Permissions'));
    const actions = [...new Set([...section.matchAll(/`([a-z0-9-]+:[A-Za-z]+)`/g)].map((m) => m[1]!))].sort();
    expect(actions).toEqual([
      'dynamodb:Scan', // ScanCommand
      'kms:CreateGrant', // copying an encrypted snapshot
      'kms:Decrypt', // SSE-KMS audit objects
      'kms:DescribeKey',
      'rds-db:connect', // IAM database authentication
      'rds:AddTagsToResource', // Tags on CopyDBClusterSnapshot
      'rds:CopyDBClusterSnapshot',
      'rds:DescribeDBClusterSnapshots',
      'rds:DescribeGlobalClusters',
      's3:GetObject',
      's3:ListBucket', // ListObjectsV2
      'ssm:GetParameter',
      'sts:GetCallerIdentity',
    ]);
    expect(actions.filter((a) => !iamAction(a))).toEqual([]);
  });
});
