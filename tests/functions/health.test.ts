// health core: the serving flag (SSM, mocked: no local SSM) and SQS (mocked) plus real probes of a
// listening PostgreSQL port and a dynalite table.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkHealth, toApiResponse, type FlagCache, type HealthDeps, type HealthReport } from '../../functions/health/core.ts';
import { freePort, startDynalite, type LocalEndpoint } from '../../tooling/functions/local-services.ts';
import { LOCAL_CREDENTIALS, createSessionsTable } from '../../tooling/functions/local-stack.ts';
import { sharedPostgres } from './support/services.ts';

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

  beforeEach(() => {
    clock = 1_000_000;
    flagCache = {};
    ssmMock.on(GetParameterCommand, { Name: PARAMETER }).resolves({ Parameter: { Name: PARAMETER, Value: 'true' } });
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '3' } });
    const pg = sharedPostgres();
    deps = {
      ssm,
      sqs,
      dynamodb,
      flagCache,
      now: () => clock,
      settings: {
        region: 'us-east-1',
        servingParameter: PARAMETER,
        flagCacheSeconds: 5,
        dbHost: pg.host,
        dbPort: pg.port,
        sessionsTable: TABLE,
        queueUrl: QUEUE_URL,
        probeTimeoutMs: 2000,
      },
    };
  });
  afterEach(() => {
    ssmMock.reset();
    sqsMock.reset();
  });

  it('answers 200 with every check when the region serves and its dependencies answer', async () => {
    // Act
    const response = toApiResponse(await checkHealth(deps));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store' });
    const body = JSON.parse(response.body) as HealthReport;
    expect(body.status).toBe('healthy');
    expect(body.region).toBe('us-east-1');
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['serving-flag', true],
      ['database', true],
      ['sessions-table', true],
      ['trade-queue', true],
    ]);
    expect(body.checks.every((c) => Number.isInteger(c.latencyMs) && c.latencyMs >= 0)).toBe(true);
    expect(check(body, 'trade-queue').detail).toBe('3 messages waiting');
    expect(sqsMock).toHaveReceivedCommandWith(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL });
  });

  it('answers 503 when the serving flag is false, though every dependency is fine', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'false' } });

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(report.status).toBe('unhealthy');
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: `${PARAMETER} is false: this region is not serving` });
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['serving-flag']);
  });

  it('answers 503 when the flag holds anything but true or false', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'yes' } });

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'serving-flag').detail).toBe(`${PARAMETER} has the unexpected value "yes"; expected "true" or "false"`);
  });

  it('answers 503 when the flag cannot be read', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'ParameterNotFound: not found' });
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
    expect(check(cached, 'serving-flag').detail).toBe(`${PARAMETER} is true (cached 5 s)`);
  });

  it('sees a flag flipped to false once the cache period is over', async () => {
    // Prepare
    await checkHealth(deps);
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Value: 'false' } });

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

    // Act
    const report = await checkHealth({ ...deps, settings: { ...deps.settings, dbPort: closedPort } });

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'database')).toMatchObject({ ok: false, detail: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${closedPort}` });
  });

  it('answers 503 when the sessions table does not exist', async () => {
    // Act
    const report = await checkHealth({ ...deps, settings: { ...deps.settings, sessionsTable: 'no-such-table' } });

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'sessions-table')).toMatchObject({ ok: false, detail: expect.stringMatching(/^ResourceNotFoundException: /) });
  });

  it('answers 503 when the queue is gone', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));

    // Act
    const report = await checkHealth(deps);

    // Assess
    expect(toApiResponse(report).statusCode).toBe(503);
    expect(check(report, 'trade-queue')).toMatchObject({ ok: false, detail: 'QueueDoesNotExist: The specified queue does not exist.' });
  });

  it('does not wait for an SSM call that never answers', async () => {
    // Prepare
    ssmMock.on(GetParameterCommand).callsFake(() => new Promise(() => undefined));

    // Act
    const report = await checkHealth({ ...deps, settings: { ...deps.settings, probeTimeoutMs: 100 } });

    // Assess
    expect(check(report, 'serving-flag')).toMatchObject({ ok: false, detail: 'ProbeTimeout: no answer within 100 ms' });
    expect(flagCache.readAt).toBeUndefined();
  });
});
