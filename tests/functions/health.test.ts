// health core: the serving flag (SSM, mocked: no local SSM) and SQS (mocked) plus real probes of
// PostgreSQL (the writer role, asked of the database) and a dynalite table. Only the serving flag and
// the writer role decide 200 or 503; the dependency probes are reported and counted.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkHealth, toApiResponse, type FlagCache, type HealthDeps, type HealthReport, type PublicHealth } from '../../functions/health/core.ts';
import { pooledWriterRole } from '../../functions/shared/writer.ts';
import { createPool } from '../../functions/shared/db.ts';
import { freePort, startDynalite, type LocalEndpoint } from '../../tooling/functions/local-services.ts';
import { LOCAL_CREDENTIALS, createSessionsTable } from '../../tooling/functions/local-stack.ts';
import { createTestDatabase, setReadOnly, sharedPostgres } from './support/services.ts';

const PARAMETER = '/trading/test/us-east-1/serving';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/trading-test-trade-orders';
const TABLE = 'trading-test-sessions';

let dynalite: LocalEndpoint;
let dynamodb: DynamoDBClient;
beforeAll(async () => {
  dynalite = await startDynalite();
  dynamodb = new DynamoDBClient({ region: 'us-east-1', endpoint: dynalite.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  await createSessionsTable(dynamodb, TABLE);
});
afterAll(async () => {
  dynamodb.destroy();
  await dynalite.stop();
});

function check(report: HealthReport, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check named ${name}`);
  return found;
}

describe('health', () => {
  const ssm = new SSMClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const ssmMock = mockClient(ssm);
  const sqsMock = mockClient(sqs);
  let clock: number;
  let flagCache: FlagCache;
  let deps: HealthDeps;
  let database: string;
  let db: pg.Pool;
  let probes: { probe: string; failed: boolean }[];
  let warnings: Record<string, unknown>[];

  /** The pool the handler makes: the function's own database settings, short timeouts. */
  const healthPool = (name: string, port = sharedPostgres().port) =>
    createPool(
      { DB_HOST: sharedPostgres().host, DB_PORT: port, DB_NAME: name, DB_USER: sharedPostgres().user, DB_AUTH: 'password', DB_PASSWORD: 'unused', DB_SSL: false },
      'us-east-1',
      { applicationName: 'health', timeoutMs: 2000 },
    );

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  beforeEach(() => {
    clock = 1_000_000;
    flagCache = {};
    probes = [];
    warnings = [];
    // Written by the last sync 30 s ago: well inside the 150 s lease.
    ssmMock.on(GetParameterCommand, { Name: PARAMETER }).resolves({ Parameter: { Name: PARAMETER, Value: 'true', LastModifiedDate: new Date(clock - 30_000) } });
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '3' } });
    db = healthPool(database);
    deps = {
      ssm,
      sqs,
      dynamodb,
      flagCache,
      writerRole: () => pooledWriterRole(db),
      now: () => clock,
      logger: { warn: (_message, extra) => warnings.push(extra) },
      probeResult: (probe, failed) => probes.push({ probe, failed }),
      settings: {
        region: 'us-east-1',
        servingParameter: PARAMETER,
        flagCacheSeconds: 5,
        servingLeaseSeconds: 150,
        sessionsTable: TABLE,
        queueUrl: QUEUE_URL,
        probeTimeoutMs: 2000,
      },
    };
  });
  afterEach(async () => {
    ssmMock.reset();
    sqsMock.reset();
    await db.end();
  });

  it('answers 200 with every check when the region serves and its dependencies answer', async () => {
    // Act
    const response = toApiResponse(await checkHealth(deps));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store' });
    // The public body: the status and each check's name with ok or failed, nothing else.
    expect(JSON.parse(response.body)).toEqual({
      status: 'healthy',
      checks: [
        { name: 'serving-flag', result: 'ok' },
        { name: 'writer', result: 'ok' },
        { name: 'sessions-table', result: 'ok' },
        { name: 'trade-queue', result: 'ok' },
      ],
    });
    expect(sqsMock).toHaveReceivedCommandWith(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL });
    expect(probes).toEqual([
      { probe: 'sessions-table', failed: false },
      { probe: 'trade-queue', failed: false },
    ]);
  });

  it('answers 503 with the reason when its cluster is read-only, and 200 again once it is the writer', async () => {
    // Prepare: new sessions of the database are read-only, as on a reader or a demoted old primary
    const own = await createTestDatabase();
    const ownPool = healthPool(own);
    const ownDeps = { ...deps, writerRole: () => pooledWriterRole(ownPool) };
    try {
      await setReadOnly(own, true);

      // Act
      const report = await checkHealth(ownDeps);
      const refused = toApiResponse(report);
      await setReadOnly(own, false);
      const back = toApiResponse(await checkHealth(ownDeps));

      // Assess: the reason is in the report (the handler logs it), the body only says the check failed
      expect(refused.statusCode).toBe(503);
      expect(check(report, 'writer')).toMatchObject({ ok: false, detail: 'read-only', decides: true });
      expect(check(report, 'serving-flag').ok).toBe(true);
      const body = JSON.parse(refused.body) as PublicHealth;
      expect(body.status).toBe('unhealthy');
      expect(body.checks.find((c) => c.name === 'writer')).toEqual({ name: 'writer', result: 'failed' });
      expect(refused.body).not.toContain('read-only');
      expect(back.statusCode).toBe(200);
    } finally {
      await ownPool.end();
    }
  });

  it('answers 503 when the writer role cannot be asked: TCP reachability alone is not enough', async () => {
    // Prepare: a database that accepts TCP but has no such database for this user
    const missing = healthPool('no_such_database');
    try {
      // Act
      const report = await checkHealth({ ...deps, writerRole: () => pooledWriterRole(missing) });

      // Assess
      expect(toApiResponse(report).statusCode).toBe(503);
      expect(check(report, 'writer')).toMatchObject({ ok: false, detail: 'unreachable' });
      expect(warnings).toContainEqual({ probe: 'writer', reason: expect.stringMatching(/no_such_database/) });
    } finally {
      await missing.end();
    }
  });

  it('puts no endpoint or AWS error text in the public body', async () => {
    // Prepare
    const closedPort = await freePort();
    const closed = healthPool(database, closedPort);
    ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'Parameter /trading/test/us-east-1/serving not found', $metadata: {} }));
    sqsMock.on(GetQueueAttributesCommand).rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));
    try {
      // Act
      const report = await checkHealth({ ...deps, writerRole: () => pooledWriterRole(closed) });
      const response = toApiResponse(report);

      // Assess: the public body names the checks and whether they passed; reason codes, table state,
      // latencies, region, endpoints and error text are left to the log
      expect(response.statusCode).toBe(503);
      expect(response.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|ParameterNotFound|QueueDoesNotExist|trading-test|amazonaws|us-east-1|unreachable|ACTIVE|latency|detail|\d/);
      expect(JSON.parse(response.body)).toEqual({
        status: 'unhealthy',
        checks: [
          { name: 'serving-flag', result: 'failed' },
          { name: 'writer', result: 'failed' },
          { name: 'sessions-table', result: 'ok' },
          { name: 'trade-queue', result: 'failed' },
        ],
      });
      // The details are in the report the handler logs, and each error in the probe's own warning.
      expect(report.checks.map((c) => c.detail)).toEqual(['unreachable', 'unreachable', 'ACTIVE', 'unreachable']);
      expect(warnings).toContainEqual({ probe: 'serving-flag', reason: expect.stringMatching(/ParameterNotFound|not found/) });
      expect(warnings).toContainEqual({ probe: 'trade-queue', reason: expect.stringMatching(/QueueDoesNotExist|does not exist/) });
    } finally {
      await closed.end();
    }
  });

  it('answers 503 when the serving flag is false, though every dependency is fine', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'false' } });

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(report.status).toBe('unhealthy');
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'not-serving' });
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['serving-flag']);
  });

  it('answers 503 when the flag holds anything but true or false', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'yes' } });

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'serving-flag').detail).toBe('flag-invalid');
    expect(warnings).toContainEqual({ parameter: PARAMETER, reason: 'the serving flag is "yes", not "true" or "false"' });
  });

  it('answers 503 with lease-expired when the flag says true but no sync has rewritten it within the lease', async () => {
    // Prepare: a region back from an outage longer than the lease, its flag still "true" from before.
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'true', LastModifiedDate: new Date(clock - 151_000) } });

    // Act
    const report = await checkHealth(deps);

    // Assess: only the flag fails; the writer and the dependencies are fine.
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'lease-expired' });
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['serving-flag']);
    expect(warnings).toContainEqual({ parameter: PARAMETER, reason: expect.stringMatching(/last written 151 s ago, beyond its 150 s lease/) });
  });

  it('counts a flag written exactly the lease ago, and not one without a write time', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'true', LastModifiedDate: new Date(clock - 150_000) } });
    expect((await checkHealth(deps)).status).toBe('healthy');

    flagCache.readAt = undefined;
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'true' } });
    const report = await checkHealth(deps);
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'lease-expired' });
  });

  it('lets the lease run out on a cached read', async () => {
    // Prepare: written 147 s ago, read and cached now.
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'true', LastModifiedDate: new Date(clock - 147_000) } });
    const before = await checkHealth(deps);

    // Act: 4 s later the read is still cached, but the write is 151 s old.
    clock += 4_000;
    const after = await checkHealth(deps);

    // Assess
    expect(before.status).toBe('healthy');
    expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    expect(check(after, 'serving-flag').detail).toBe('lease-expired');
  });

  it('answers 503 when the flag cannot be read', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'unreachable' });
    expect(warnings).toContainEqual({ probe: 'serving-flag', reason: 'ParameterNotFound: not found' });
  });

  it('reads the flag once per cache period', async () => {
    // Act
    await checkHealth(deps);
    clock += 4_999;
    const cached = await checkHealth(deps);
    clock += 1;
    await checkHealth(deps);

    // Assess
    expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 2);
    expect(check(cached, 'serving-flag').detail).toBe('serving');
  });

  it('sees a flag flipped to false once the cache period is over', async () => {
    // Prepare
    await checkHealth(deps);
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'false', LastModifiedDate: new Date(clock) } });

    // Act
    const stillCached = await checkHealth(deps);
    clock += 5_000;
    const refreshed = await checkHealth(deps);

    // Assess
    expect(stillCached.status).toBe('healthy');
    expect(refreshed.status).toBe('unhealthy');
  });

  it('answers 503 when nothing listens on the database port', async () => {
    // Prepare
    const closedPort = await freePort();
    const closed = healthPool(database, closedPort);
    try {
      // Act
      const report = await checkHealth({ ...deps, writerRole: () => pooledWriterRole(closed) });

      // Assess
      expect(toApiResponse(report).statusCode).toBe(503);
      expect(check(report, 'writer')).toMatchObject({ ok: false, detail: 'unreachable' });
      expect(warnings).toContainEqual({ probe: 'writer', reason: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      await closed.end();
    }
  });

  it('still answers 200 when the sessions table does not exist, and reports and counts the failed probe', async () => {
    // Act
    const report = await checkHealth({ ...deps, settings: { ...deps.settings, sessionsTable: 'no-such-table' } });

    // Assess
    expect(toApiResponse(report).statusCode).toBe(200);
    expect(check(report, 'sessions-table')).toMatchObject({ ok: false, detail: 'unreachable', decides: false });
    expect(probes).toContainEqual({ probe: 'sessions-table', failed: true });
    expect(warnings).toContainEqual({ probe: 'sessions-table', reason: expect.stringMatching(/^ResourceNotFoundException: /) });
  });

  it('still answers 200 when the queue is gone, and reports and counts the failed probe', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(200);
    expect(check(report, 'trade-queue')).toMatchObject({ ok: false, detail: 'unreachable', decides: false });
    expect(probes).toEqual([
      { probe: 'sessions-table', failed: false },
      { probe: 'trade-queue', failed: true },
    ]);
  });

  it('does not wait for an SSM call that never answers', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).callsFake(() => new Promise(() => undefined));

    // Act
    const report = await checkHealth({ ...deps, settings: { ...deps.settings, probeTimeoutMs: 100 } });

    // Assess
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'timeout' });
    expect(flagCache.readAt).toBeUndefined();
  });
});
