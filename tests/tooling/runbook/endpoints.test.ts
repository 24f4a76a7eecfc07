// The real clients of tooling/runbook/clients.ts, unmocked: each request a client for us-east-2 would send
// goes to a host in us-east-2 (STS included: its regional endpoint, never the global sts.amazonaws.com,
// which is served from us-east-1), and the ARC clients go to the cluster endpoints they were given. The
// request is captured after endpoint resolution and before signing, so neither real credentials (the
// chain is given dummy keys) nor the network are needed.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { ListExecutionsCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsRunbookClients } from '../../../tooling/runbook/clients.ts';

class Captured extends Error {
  constructor(readonly hostname: string) {
    super(`captured ${hostname}`);
  }
}

interface Stackable {
  middlewareStack: { add: (mw: unknown, options: { step: 'build'; name: string }) => void };
  send: (command: never) => Promise<unknown>;
}

/** The host the client would send `command` to. */
const capturing = new WeakSet<object>();
async function hostOf(client: Stackable, command: unknown): Promise<string> {
  if (!capturing.has(client)) {
    capturing.add(client);
    client.middlewareStack.add(
      () => async (args: { request: { hostname: string } }) => {
        throw new Captured(args.request.hostname);
      },
      { step: 'build', name: 'captureHost' },
    );
  }
  try {
    await client.send(command as never);
  } catch (error) {
    if (error instanceof Captured) return error.hostname;
    throw error;
  }
  throw new Error('the request was sent');
}

describe('runbook clients', () => {
  beforeAll(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    vi.stubEnv('AWS_PROFILE', '');
  });
  afterAll(() => vi.unstubAllEnvs());

  it('send every call for us-east-2 to an endpoint in us-east-2', async () => {
    const c = awsRunbookClients();
    const r = 'us-east-2';
    const hosts = {
      sts: await hostOf(c.sts(r) as unknown as Stackable, new GetCallerIdentityCommand({})),
      sfnStart: await hostOf(c.sfn(r) as unknown as Stackable, new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-2:210987654321:stateMachine:x' })),
      sfnApprove: await hostOf(c.sfn(r) as unknown as Stackable, new SendTaskSuccessCommand({ taskToken: 't', output: '{}' })),
      sfnList: await hostOf(c.sfn(r) as unknown as Stackable, new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:us-east-2:210987654321:stateMachine:x' })),
      lambda: await hostOf(c.lambda(r) as unknown as Stackable, new GetFunctionConfigurationCommand({ FunctionName: 'trading-prod-region-fence' })),
      rds: await hostOf(c.rds(r) as unknown as Stackable, new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: 'trading-prod-global' })),
      cloudwatch: await hostOf(c.cloudwatch(r) as unknown as Stackable, new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(1) })),
      ssm: await hostOf(c.ssm(r) as unknown as Stackable, new GetParameterCommand({ Name: '/trading/prod/us-east-2/serving' })),
      sqs: await hostOf(c.sqs(r) as unknown as Stackable, new GetQueueAttributesCommand({ QueueUrl: 'https://sqs.us-east-2.amazonaws.com/210987654321/trading-prod-trade-orders' })),
    };
    expect(hosts).toEqual({
      sts: 'sts.us-east-2.amazonaws.com',
      sfnStart: 'states.us-east-2.amazonaws.com',
      sfnApprove: 'states.us-east-2.amazonaws.com',
      sfnList: 'states.us-east-2.amazonaws.com',
      lambda: 'lambda.us-east-2.amazonaws.com',
      rds: 'rds.us-east-2.amazonaws.com',
      cloudwatch: 'monitoring.us-east-2.amazonaws.com',
      ssm: 'ssm.us-east-2.amazonaws.com',
      sqs: 'sqs.us-east-2.amazonaws.com',
    });
  });

  it('make one client per region and service, reused', () => {
    const c = awsRunbookClients();
    expect(c.sfn('us-east-2')).toBe(c.sfn('us-east-2'));
    expect(c.sfn('us-east-1')).not.toBe(c.sfn('us-east-2'));
  });

  it('send ARC reads to the cluster endpoint given, one client per endpoint in its own region', async () => {
    const arc = awsRunbookClients().arc([
      { endpoint: 'https://host-aaaa.route53-recovery-cluster.us-west-2.amazonaws.com/v1', region: 'us-west-2' },
      { endpoint: 'https://host-bbbb.route53-recovery-cluster.eu-west-1.amazonaws.com/v1', region: 'eu-west-1' },
    ]);
    expect(arc.map((a) => a.region)).toEqual(['us-west-2', 'eu-west-1']);
    expect(await Promise.all(arc.map((a) => (a.client as unknown as { config: { region: () => Promise<string> } }).config.region()))).toEqual(['us-west-2', 'eu-west-1']);
    const command = new GetRoutingControlStateCommand({ RoutingControlArn: 'arn:aws:route53-recovery-control::210987654321:controlpanel/abc/routingcontrol/def' });
    expect(await hostOf(arc[1]!.client as unknown as Stackable, command)).toBe('host-bbbb.route53-recovery-cluster.eu-west-1.amazonaws.com');
  });
});
