// make status: with us-east-1 gone everything is read from us-east-2 (and the ARC cluster endpoints
// outside it), us-east-1 is reported unreachable, and nothing throws; with both gone the command still
// answers, with exit 1.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { awsRunbookClients } from '../../../tooling/runbook/clients.ts';
import { statusCommand } from '../../../tooling/runbook/cli.ts';
import type { StatusReport } from '../../../tooling/runbook/status.ts';
import { ACCOUNT, awsError, awsWorld, captureIo, PRIMARY, repoWith, SECONDARY } from './world.ts';

const NOW = new Date('2026-11-29T13:10:00.000Z');
const CONTROL = {
  [PRIMARY]: `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/0a1b2c3d4e5f/routingcontrol/aa11bb22cc33`,
  [SECONDARY]: `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/0a1b2c3d4e5f/routingcontrol/dd44ee55ff66`,
};
// The cluster's endpoints as Terraform writes them: the first is in us-east-1, which is down here.
const ENDPOINTS = [
  { endpoint: 'https://host-aaaa.us-east-1.example.com/v1', region: 'us-east-1' },
  { endpoint: 'https://host-bbbb.us-west-2.example.com/v1', region: 'us-west-2' },
  { endpoint: 'https://host-cccc.eu-west-1.example.com/v1', region: 'eu-west-1' },
];
const clusterArn = (region: string) => `arn:aws:rds:${region}:${ACCOUNT}:cluster:trading-prod-${region}`;
const queueUrl = (region: string, name: string) => `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${name}`;

describe('make status', () => {
  const world = awsWorld();
  const root = repoWith();
  const deps = { clients: awsRunbookClients, live: '1', root, now: () => NOW };
  /** The platform after a failover into us-east-2: authority and writer there, one recovery still running. */
  let authority: Record<string, 'On' | 'Off'>;
  let writer: string;

  beforeEach(() => {
    authority = { [PRIMARY]: 'Off', [SECONDARY]: 'On' };
    writer = SECONDARY;
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/break-glass/alice` }));
    world.answer('lambda', GetFunctionConfigurationCommand, (input: { FunctionName: string }, region) => ({
      FunctionName: input.FunctionName,
      Environment: { Variables: { PEER_REGION: region === PRIMARY ? SECONDARY : PRIMARY, ARC_CLUSTER_ENDPOINTS: JSON.stringify(ENDPOINTS), ROUTING_CONTROL_ARNS: JSON.stringify(CONTROL) } },
    }));
    world.answer('arc', GetRoutingControlStateCommand, (input: { RoutingControlArn: string }) => {
      const region = Object.entries(CONTROL).find(([, arn]) => arn === input.RoutingControlArn)?.[0];
      if (!region) throw awsError('ResourceNotFoundException', `no routing control ${input.RoutingControlArn}`);
      return { RoutingControlArn: input.RoutingControlArn, RoutingControlState: authority[region] };
    });
    world.answer('rds', DescribeGlobalClustersCommand, (input: { GlobalClusterIdentifier: string }) => ({
      GlobalClusters: [
        {
          GlobalClusterIdentifier: input.GlobalClusterIdentifier,
          Status: 'available',
          GlobalClusterMembers: [PRIMARY, SECONDARY].map((r) => ({ DBClusterArn: clusterArn(r), IsWriter: r === writer })),
        },
      ],
    }));
    world.answer('cloudwatch', GetMetricDataCommand, () => ({
      MetricDataResults: [
        { Id: 'replication', Values: [850, 900], Timestamps: [new Date('2026-11-29T13:08:00Z'), new Date('2026-11-29T13:07:00Z')] },
        { Id: 'rpo', Values: [1200], Timestamps: [new Date('2026-11-29T13:08:00Z')] },
      ],
    }));
    world.answer('ssm', GetParameterCommand, (input: { Name: string }, region) => ({
      Parameter: { Name: input.Name, Value: region === SECONDARY ? 'true' : 'false', LastModifiedDate: new Date(NOW.getTime() - 30_000) },
    }));
    world.answer('sfn', ListExecutionsCommand, (input: { stateMachineArn: string }) => ({
      executions: input.stateMachineArn.includes(`:${SECONDARY}:`)
        ? [{ name: 'failover-20261129T130507Z', executionArn: `${input.stateMachineArn.replace(':stateMachine:', ':execution:')}:failover-20261129T130507Z`, startDate: new Date('2026-11-29T13:05:07Z'), status: 'RUNNING' }]
        : [],
    }));
    world.answer('sqs', GetQueueAttributesCommand, (input: { QueueUrl: string }) => ({
      Attributes: input.QueueUrl.endsWith('-dlq')
        ? { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' }
        : input.QueueUrl.endsWith('-failover-approvals')
          ? { ApproximateNumberOfMessages: input.QueueUrl.includes(SECONDARY) ? '1' : '0', ApproximateNumberOfMessagesNotVisible: '0' }
          : { ApproximateNumberOfMessages: '3', ApproximateNumberOfMessagesNotVisible: '1' },
    }));
  });
  afterEach(() => world.reset());
  afterAll(() => world.restore());

  async function status(extra: string[] = ['--json']): Promise<{ code: number; out: string; err: string; report: StatusReport | null }> {
    const io = captureIo();
    const code = await statusCommand(['--env', 'prod', ...extra], io, deps);
    return { code, out: io.out(), err: io.err(), report: extra.includes('--json') && io.out() ? (JSON.parse(io.out()) as StatusReport) : null };
  }

  it('reads everything from us-east-2 while every call to us-east-1 fails', async () => {
    // Prepare
    world.down.add(PRIMARY);
    // Act
    const { code, err, report } = await status();
    // Assess
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(report!.authority).toEqual({ ok: true, value: { states: { [PRIMARY]: 'Off', [SECONDARY]: 'On' }, active: SECONDARY, endpoint: ENDPOINTS[1]!.endpoint, configFrom: SECONDARY } });
    expect(report!.writer).toEqual({ ok: true, value: { region: SECONDARY, clusterArn: clusterArn(SECONDARY), globalClusterStatus: 'available', operation: null, from: SECONDARY } });
    const [east1, east2] = report!.regions;
    expect(east1).toMatchObject({ region: PRIMARY, reachable: false, account: { ok: false, error: `TimeoutError: connect ETIMEDOUT ${PRIMARY} endpoint (3000 ms)` } });
    expect([east1!.servingFlag.ok, east1!.lag.ok, east1!.runningExecutions.ok, east1!.queues.ok]).toEqual([false, false, false, false]);
    expect(east2).toEqual({
      region: SECONDARY,
      reachable: true,
      account: { ok: true, value: ACCOUNT },
      servingFlag: { ok: true, value: { value: 'true', lastModified: '2026-11-29T13:09:30.000Z', active: true, detail: 'active: written 30 s ago, within the 150 s lease' } },
      lag: { ok: true, value: { clusterIdentifier: `trading-prod-${SECONDARY}`, replicationLagMs: { value: 850, at: '2026-11-29T13:08:00.000Z' }, rpoLagMs: { value: 1200, at: '2026-11-29T13:08:00.000Z' } } },
      runningExecutions: {
        ok: true,
        value: [{ name: 'failover-20261129T130507Z', executionArn: `arn:aws:states:${SECONDARY}:${ACCOUNT}:execution:trading-prod-failover:failover-20261129T130507Z`, startDate: '2026-11-29T13:05:07.000Z' }],
      },
      queues: { ok: true, value: { orders: { visible: 3, inFlight: 1 }, deadLetter: { visible: 0, inFlight: 0 }, approvals: { visible: 1, inFlight: 0 } } },
    });
    expect(report!.warnings).toEqual([
      `${PRIMARY} is unreachable: every call to it failed.`,
      `${SECONDARY}'s approval queue holds 1 request(s): a recovery there may wait for an approver, who answers as the approver role with make approve EXECUTION=<its ARN under running recoveries> (a request whose recovery has ended ages out).`,
    ]);
  });

  it('asks us-east-2 for its own resources by the naming convention, and ARC past the us-east-1 endpoint', async () => {
    world.down.add(PRIMARY);
    await status();
    const inEast2 = world.calls.filter((c) => c.region === SECONDARY);
    const input = (command: string) => inEast2.filter((c) => c.command === command).map((c) => c.input);
    expect(input('GetFunctionConfigurationCommand')).toEqual([{ FunctionName: 'trading-prod-region-fence' }]);
    expect(input('GetParameterCommand')).toEqual([{ Name: `/trading/prod/${SECONDARY}/serving` }]);
    expect(input('DescribeGlobalClustersCommand')).toEqual([{ GlobalClusterIdentifier: 'trading-prod-global' }]);
    expect(input('ListExecutionsCommand')).toEqual([{ stateMachineArn: `arn:aws:states:${SECONDARY}:${ACCOUNT}:stateMachine:trading-prod-failover`, statusFilter: 'RUNNING' }]);
    expect(input('GetQueueAttributesCommand')).toEqual([
      { QueueUrl: queueUrl(SECONDARY, 'trading-prod-trade-orders'), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] },
      { QueueUrl: queueUrl(SECONDARY, 'trading-prod-trade-orders-dlq'), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] },
      { QueueUrl: queueUrl(SECONDARY, 'trading-prod-failover-approvals'), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] },
    ]);
    const metrics = input('GetMetricDataCommand')[0] as { MetricDataQueries: { MetricStat: { Metric: { MetricName: string; Dimensions: unknown } } }[] };
    expect(metrics.MetricDataQueries.map((q) => [q.MetricStat.Metric.MetricName, q.MetricStat.Metric.Dimensions])).toEqual([
      ['AuroraGlobalDBReplicationLag', [{ Name: 'DBClusterIdentifier', Value: `trading-prod-${SECONDARY}` }]],
      ['AuroraGlobalDBRPOLag', [{ Name: 'DBClusterIdentifier', Value: `trading-prod-${SECONDARY}` }]],
    ]);
    // Each routing control: the us-east-1 endpoint fails, us-west-2 answers; eu-west-1 is never needed.
    expect(world.calls.filter((c) => c.service === 'arc').map((c) => `${c.region} ${c.input.RoutingControlArn}`)).toEqual([
      `${PRIMARY} ${CONTROL[PRIMARY]}`,
      `us-west-2 ${CONTROL[PRIMARY]}`,
      `${PRIMARY} ${CONTROL[SECONDARY]}`,
      `us-west-2 ${CONTROL[SECONDARY]}`,
    ]);
  });

  it('prints the same as text by default, us-east-1 marked UNREACHABLE', async () => {
    world.down.add(PRIMARY);
    const { code, out } = await status([]);
    expect(code).toBe(0);
    expect(out).toContain(`Authority (Route 53 ARC routing controls): ${SECONDARY} is active (${PRIMARY} Off, ${SECONDARY} On); read at ${ENDPOINTS[1]!.endpoint}, configuration from region-fence in ${SECONDARY}`);
    expect(out).toContain(`Global database writer: ${SECONDARY} (${clusterArn(SECONDARY)}), global cluster available; as ${SECONDARY} reports it`);
    expect(out).toContain(`\n${PRIMARY}: UNREACHABLE\n  every call failed, e.g. TimeoutError: connect ETIMEDOUT ${PRIMARY} endpoint (3000 ms)\n`);
    expect(out).toContain(`\n${SECONDARY}: reachable\n`);
    expect(out).toContain('  serving flag: true (written 2026-11-29T13:09:30.000Z), active: written 30 s ago, within the 150 s lease\n');
    expect(out).toContain('  queues: orders 3 waiting, 1 in flight; dead-letter 0 waiting, 0 in flight; approval requests 1\n');
    expect(out).toContain('  running recoveries: failover-20261129T130507Z (started 2026-11-29T13:05:07.000Z;');
  });

  it('reads the same from us-east-1 while us-east-2 is gone', async () => {
    world.down.add(SECONDARY);
    authority = { [PRIMARY]: 'On', [SECONDARY]: 'Off' };
    writer = PRIMARY;
    const { code, report } = await status();
    expect(code).toBe(0);
    expect(report!.authority).toMatchObject({ ok: true, value: { active: PRIMARY, configFrom: PRIMARY, endpoint: ENDPOINTS[0]!.endpoint } });
    expect(report!.writer).toMatchObject({ ok: true, value: { region: PRIMARY, from: PRIMARY } });
    expect(report!.regions.map((r) => [r.region, r.reachable])).toEqual([[PRIMARY, true], [SECONDARY, false]]);
    expect(report!.regions[0]!.servingFlag).toMatchObject({ ok: true, value: { value: 'false', active: false } });
  });

  it('answers with exit 1, not a crash, when no region answers', async () => {
    world.down.add(PRIMARY).add(SECONDARY);
    const { code, err, report } = await status();
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(report!.regions.every((r) => !r.reachable)).toBe(true);
    expect(report!.authority).toEqual({ ok: false, error: expect.stringMatching(/^no region gave region-fence's ARC configuration \(us-east-1: TimeoutError: .*; us-east-2: TimeoutError: /) });
    expect(report!.writer.ok).toBe(false);
    expect(report!.warnings.slice(0, 1)).toEqual(['No region answered: check the credentials and the network before anything else.']);
  });

  it('keeps a region reachable when one of its calls is refused, and shows that call as unknown', async () => {
    world.answer('sqs', GetQueueAttributesCommand, () => {
      throw awsError('AccessDenied', 'not authorized to perform: sqs:GetQueueAttributes');
    });
    const { code, report, out } = await status();
    expect(code).toBe(0);
    expect(report!.regions.map((r) => [r.reachable, r.queues])).toEqual([
      [true, { ok: false, error: 'AccessDenied: not authorized to perform: sqs:GetQueueAttributes' }],
      [true, { ok: false, error: 'AccessDenied: not authorized to perform: sqs:GetQueueAttributes' }],
    ]);
    expect(out).not.toBe('');
  });

  it('warns when the authority and the writer disagree, and when the old region still serves', async () => {
    writer = PRIMARY;
    world.answer('ssm', GetParameterCommand, (input: { Name: string }) => ({ Parameter: { Name: input.Name, Value: 'true', LastModifiedDate: new Date(NOW.getTime() - 20_000) } }));
    const { report } = await status();
    expect(report!.warnings).toEqual([
      `The authority names ${SECONDARY} but the writer is in ${PRIMARY}: a recovery is between moving the authority and promoting, or stopped there (see the running executions). No region commits orders until they agree.`,
      `${PRIMARY}'s serving flag is still active although the authority names ${SECONDARY}: its lease runs out, or its next sync fences it, within 150 s.`,
      `${SECONDARY}'s approval queue holds 1 request(s): a recovery there may wait for an approver, who answers as the approver role with make approve EXECUTION=<its ARN under running recoveries> (a request whose recovery has ended ages out).`,
    ]);
  });

  it('says why the authority is unknown when region-fence carries no usable configuration', async () => {
    world.answer('lambda', GetFunctionConfigurationCommand, () => ({ Environment: { Variables: { ARC_CLUSTER_ENDPOINTS: 'not json', ROUTING_CONTROL_ARNS: JSON.stringify(CONTROL) } } }));
    const { code, report } = await status();
    expect(code).toBe(0);
    expect(report!.authority).toEqual({
      ok: false,
      error: "no region gave region-fence's ARC configuration (us-east-1: Error: ARC_CLUSTER_ENDPOINTS must be JSON: [{\"endpoint\":\"https://<host>/v1\",\"region\":\"us-west-2\"}, ...], the cluster_endpoints of the ARC cluster; us-east-2: Error: ARC_CLUSTER_ENDPOINTS must be JSON: [{\"endpoint\":\"https://<host>/v1\",\"region\":\"us-west-2\"}, ...], the cluster_endpoints of the ARC cluster)",
    });
  });

  it('refuses credentials of another account in one line', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: '999988887777', Arn: 'arn:aws:iam::999988887777:user/ci' }));
    const { code, err, out } = await status();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`status: error: The credentials are for account 999988887777 (STS in ${PRIMARY}), but prod is account ${ACCOUNT} (environments/prod/terraform.tfvars): use credentials for ${ACCOUNT}.\n`);
  });

  it('only runs live', async () => {
    const io = captureIo();
    const code = await statusCommand(['--env', 'prod'], io, { ...deps, live: undefined });
    expect(code).toBe(2);
    expect(io.err()).toBe('status: error: make status reads AWS with your credentials, so it only runs live: make status ENV=prod LIVE=1.\n');
    expect(world.calls).toEqual([]);
  });
});
