// make approve / make reject: the request of the named execution is taken from the approval queue of
// its region (the only place its task token is), the decision goes to that region's state machine with
// the approver recorded, the request is deleted, it all works with the other region gone, and bad
// input is refused in one line.
import { DescribeExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { awsRunbookClients } from '../../../tooling/runbook/clients.ts';
import { approvalCommand } from '../../../tooling/runbook/cli.ts';
import { parseApprovalRequest, taskFailureInput, taskSuccessInput } from '../../../tooling/runbook/approval.ts';
import { ACCOUNT, awsError, awsWorld, captureIo, PRIMARY, repoWith, SECONDARY } from './world.ts';

const BOB = `arn:aws:sts::${ACCOUNT}:assumed-role/trading-prod-recovery-approver/bob`;
const ALICE = `arn:aws:sts::${ACCOUNT}:assumed-role/trading-prod-recovery-operator/alice`;
const EXECUTION = `arn:aws:states:us-east-2:${ACCOUNT}:execution:trading-prod-failover:failover-20261129T130000Z`;
const OTHER = `arn:aws:states:us-east-2:${ACCOUNT}:execution:trading-prod-failover:switchover-20261129T120000Z`;
const QUEUE = `https://sqs.us-east-2.amazonaws.com/${ACCOUNT}/trading-prod-failover-approvals`;

// A task token as Step Functions writes it (base64 text, several hundred characters).
const TOKEN = `AQCEAAAAKgAAAAMAAAAAAAAAAR${'x9Kq+/Zb'.repeat(40)}QUJDRA==`;
const NOW = new Date('2026-11-29T13:05:00.000Z');

// The message RequestApproval leaves in the queue (state-machine.asl.json).
const message = (executionArn: string, taskToken: string, handle: string) => ({
  MessageId: handle,
  ReceiptHandle: handle,
  Body: JSON.stringify({ taskToken, executionArn, environment: 'prod', region: SECONDARY, mode: 'failover', reason: 'INC-1234', requestedAt: '2026-11-29T13:00:00.000Z' }),
});

describe('make approve and make reject with us-east-1 gone', () => {
  const world = awsWorld();
  const root = repoWith();
  const deps = { clients: awsRunbookClients, live: '1', root, now: () => NOW };
  afterEach(() => world.reset());
  afterAll(() => world.restore());

  const waiting = (...messages: ReturnType<typeof message>[]) => {
    const batches = [messages, []];
    world.answer('sqs', ReceiveMessageCommand, () => ({ Messages: batches.shift() ?? [] }));
    world.answer('sqs', ChangeMessageVisibilityCommand, () => ({}));
    world.answer('sqs', DeleteMessageCommand, () => ({}));
  };
  const startedBy = (arn: string) => world.answer('sfn', DescribeExecutionCommand, () => ({ input: JSON.stringify({ mode: 'failover', startedBy: arn }) }));

  it('approves in us-east-2 with the token from the queue, records the approver, and deletes the request', async () => {
    // Prepare
    world.down.add(PRIMARY);
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    waiting(message(EXECUTION, TOKEN, 'h-1'));
    world.answer('sfn', SendTaskSuccessCommand, () => ({}));
    const io = captureIo();
    // Act
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob@example.com', '--reason', 'INC-1234: us-east-1 down'], io, deps);
    // Assess
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(world.calls).toEqual([
      { service: 'sts', region: SECONDARY, command: 'GetCallerIdentityCommand', input: {} },
      { service: 'sfn', region: SECONDARY, command: 'DescribeExecutionCommand', input: { executionArn: EXECUTION } },
      { service: 'sqs', region: SECONDARY, command: 'ReceiveMessageCommand', input: { QueueUrl: QUEUE, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1 } },
      {
        service: 'sfn',
        region: SECONDARY,
        command: 'SendTaskSuccessCommand',
        input: { taskToken: TOKEN, output: JSON.stringify({ approvedBy: 'bob@example.com', reason: 'INC-1234: us-east-1 down', at: '2026-11-29T13:05:00.000Z', approverArn: BOB }) },
      },
      { service: 'sqs', region: SECONDARY, command: 'DeleteMessageCommand', input: { QueueUrl: QUEUE, ReceiptHandle: 'h-1' } },
    ]);
    expect(io.out()).toContain(`Approved by bob@example.com in ${SECONDARY}`);
  });

  it('rejects in us-east-2 with error Rejected and a cause naming who and why', async () => {
    world.down.add(PRIMARY);
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    waiting(message(EXECUTION, TOKEN, 'h-1'));
    world.answer('sfn', SendTaskFailureCommand, () => ({}));
    const io = captureIo();
    const code = await approvalCommand('reject', ['--env', 'prod', '--region', SECONDARY, '--execution', EXECUTION, '--by', 'bob', '--reason', 'primary is recovering', '--live'], io, { ...deps, live: undefined });
    expect(code).toBe(0);
    expect(world.calls.find((c) => c.command === 'SendTaskFailureCommand')).toEqual({
      service: 'sfn', region: SECONDARY, command: 'SendTaskFailureCommand', input: { taskToken: TOKEN, error: 'Rejected', cause: `Rejected by bob (${BOB}) at 2026-11-29T13:05:00.000Z: primary is recovering` },
    });
    expect(world.calls.at(-1)!.command).toBe('DeleteMessageCommand');
    expect(io.out()).toContain('ApprovalNotGranted');
  });

  it('answers with the token of the named execution only, and releases the other requests at once', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    waiting(message(OTHER, `${TOKEN}OTHER`, 'h-other'), message(EXECUTION, TOKEN, 'h-1'), { MessageId: 'junk', ReceiptHandle: 'h-junk', Body: 'not json' });
    world.answer('sfn', SendTaskSuccessCommand, () => ({}));
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], captureIo(), deps);
    expect(code).toBe(0);
    expect(world.calls.find((c) => c.command === 'SendTaskSuccessCommand')!.input.taskToken).toBe(TOKEN);
    expect(world.calls.filter((c) => c.command === 'ChangeMessageVisibilityCommand').map((c) => c.input)).toEqual([
      { QueueUrl: QUEUE, ReceiptHandle: 'h-other', VisibilityTimeout: 0 },
      { QueueUrl: QUEUE, ReceiptHandle: 'h-junk', VisibilityTimeout: 0 },
    ]);
    expect(world.calls.filter((c) => c.command === 'DeleteMessageCommand').map((c) => c.input.ReceiptHandle)).toEqual(['h-1']);
  });

  it('keeps long-polling past other requests until it finds the execution\'s', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    const batches = [[message(OTHER, TOKEN, 'h-other')], [message(EXECUTION, TOKEN, 'h-1')], []];
    world.answer('sqs', ReceiveMessageCommand, () => ({ Messages: batches.shift() ?? [] }));
    world.answer('sqs', ChangeMessageVisibilityCommand, () => ({}));
    world.answer('sqs', DeleteMessageCommand, () => ({}));
    world.answer('sfn', SendTaskSuccessCommand, () => ({}));
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], captureIo(), deps);
    expect(code).toBe(0);
    const receives = world.calls.filter((c) => c.command === 'ReceiveMessageCommand');
    expect(receives).toHaveLength(2);
    expect(receives.every((c) => c.input.WaitTimeSeconds === 1)).toBe(true);
    expect(world.calls.filter((c) => c.command === 'DeleteMessageCommand').map((c) => c.input.ReceiptHandle)).toEqual(['h-1']);
  });

  it('says plainly when no request of that execution waits, and answers nothing', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    waiting(message(OTHER, TOKEN, 'h-other'));
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe(`approve: error: No approval request for ${EXECUTION} waits in trading-prod-failover-approvals (us-east-2; 1 other request(s) seen): it was already answered, timed out, or the execution is not at RequestApproval. See make status ENV=prod LIVE=1.\n`);
    expect(world.calls.map((c) => c.command)).not.toContain('SendTaskSuccessCommand');
    expect(world.calls.filter((c) => c.command === 'ChangeMessageVisibilityCommand')).toHaveLength(1);
  });

  it('names the approver role when the caller may not read the queue', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: ALICE.replace('alice', 'carol') }));
    startedBy(ALICE);
    world.answer('sqs', ReceiveMessageCommand, () => {
      throw awsError('AccessDenied', 'User is not authorized to perform: sqs:receivemessage with an explicit deny in a resource-based policy');
    });
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'carol', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^approve: error: .*carol may not read the approval queue trading-prod-failover-approvals in us-east-2 \(AccessDenied: .*\): only the recovery approver role/);
    expect(io.err().split('\n')).toHaveLength(2);
  });

  it('names the key, not the caller\'s role, when the queue\'s key cannot be used', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    world.answer('sqs', ReceiveMessageCommand, () => {
      throw awsError('KmsDisabled', 'The request was denied due to request throttling or because the KMS key is disabled');
    });
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe('approve: error: SQS in us-east-2 did not answer for the approval queue trading-prod-failover-approvals (KmsDisabled: The request was denied due to request throttling or because the KMS key is disabled).\n');
  });

  it('sends a failback approval to us-east-1 when the execution runs there, and says clearly when it does not answer', async () => {
    world.down.add(PRIMARY);
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION.replace('us-east-2', PRIMARY), '--by', 'bob', '--reason', 'failback'], io, deps);
    expect(code).toBe(2);
    expect(world.calls.map((c) => `${c.region} ${c.command}`)).toEqual([`${PRIMARY} GetCallerIdentityCommand`]);
    expect(io.err()).toMatch(new RegExp(`^approve: error: STS in ${PRIMARY} did not answer \\(TimeoutError: connect ETIMEDOUT ${PRIMARY} endpoint \\(3000 ms\\)\\): the approver must be identified; check the credentials.\\n$`));
  });

  it.each([
    ['InvalidToken', /does not accept the token of this request/, false],
    ['TaskDoesNotExist', /No recovery in us-east-2 waits for this request any more .*the stale request was removed.*make status ENV=prod LIVE=1/, true],
    ['TaskTimedOut', /The approval timed out before this answer.*the stale request was removed/, true],
  ])('explains Step Functions %s in one line, and removes a stale request', async (name, text, removed) => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    startedBy(ALICE);
    waiting(message(EXECUTION, TOKEN, 'h-1'));
    world.answer('sfn', SendTaskSuccessCommand, () => {
      throw awsError(name, 'Invalid Token: token not found');
    });
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toMatch(text);
    expect(io.err().split('\n')).toHaveLength(2);
    expect(world.calls.some((c) => c.command === 'DeleteMessageCommand')).toBe(removed);
  });

  it('refuses the credentials of another account before reading the queue', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/x/bob' }));
    startedBy(ALICE);
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^approve: error: The credentials are for account 123456789012/);
    expect(world.calls.map((c) => c.service)).not.toContain('sqs');
  });

  it.each([
    ['a task token (it is read from the queue now)', ['--execution', EXECUTION, '--token', TOKEN, '--by', 'bob', '--reason', 'x'], 'approve: error: TOKEN is not taken: the task token waits in the approval queue'],
    ['a missing execution', ['--region', SECONDARY, '--by', 'bob', '--reason', 'x'], 'approve: error: EXECUTION is missing'],
    ['a malformed execution', ['--execution', 'failover-20261129T130000Z', '--by', 'bob', '--reason', 'x'], 'approve: error: EXECUTION must be the execution ARN'],
    ['a malformed region', ['--region', 'useast2', '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], 'approve: error: REGION must be the region whose state machine asks for approval'],
    ['an execution of another region than REGION', ['--region', SECONDARY, '--execution', EXECUTION.replace('us-east-2', 'us-east-1'), '--by', 'bob', '--reason', 'x'], 'approve: error: EXECUTION runs in us-east-1, but REGION is us-east-2: answer in the region whose state machine waits.'],
    ['an execution outside the environment', ['--execution', EXECUTION.replace('us-east-2', 'eu-west-1'), '--by', 'bob', '--reason', 'x'], 'approve: error: REGION eu-west-1 is neither region of prod (us-east-1, us-east-2).'],
    ['a blank approver', ['--execution', EXECUTION, '--by', '  ', '--reason', 'x'], 'approve: error: BY must name who approves'],
    ['a missing approver', ['--execution', EXECUTION, '--reason', 'x'], 'approve: error: BY must name who approves'],
    ['a missing reason', ['--execution', EXECUTION, '--by', 'bob'], 'approve: error: REASON must say why'],
  ])('refuses %s in one line, before calling AWS', async (_label, args, text) => {
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', ...args], io, deps);
    expect(code).toBe(2);
    expect(io.err().slice(0, text.length)).toBe(text);
    expect(io.err()).not.toMatch(/\n./);
    expect(io.err()).not.toContain('    at ');
    expect(world.calls).toEqual([]);
  });

  it('refuses the principal who started the execution, before reading the queue', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: ALICE }));
    startedBy(ALICE);
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--execution', EXECUTION, '--by', 'alice', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe(`approve: error: ${ALICE} started this recovery and cannot approve it: another person answers (two people, docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).\n`);
    expect(world.calls.map((c) => c.command)).toEqual(['GetCallerIdentityCommand', 'DescribeExecutionCommand']);
  });

  it('refuses to run without LIVE=1 or --live', async () => {
    const io = captureIo();
    const code = await approvalCommand('reject', ['--env', 'prod', '--execution', EXECUTION, '--by', 'a', '--reason', 'b'], io, { ...deps, live: undefined });
    expect(code).toBe(2);
    expect(io.err()).toBe('reject: error: make reject answers a real recovery in AWS, so it only runs live: add LIVE=1 (with credentials).\n');
    expect(world.calls).toEqual([]);
  });
});

describe('approval inputs', () => {
  const request = parseApprovalRequest('approve', { env: 'prod', execution: ` ${EXECUTION} `, by: ' alice ', reason: ' said "yes" ' });

  it('trims the values and takes the region from the execution', () => {
    expect(request).toEqual({ env: 'prod', decision: 'approve', region: 'us-east-2', execution: EXECUTION, by: 'alice', reason: 'said "yes"' });
  });

  it('builds the output as JSON, so quotes in a reason cannot break it, and keeps the token byte for byte', () => {
    const input = taskSuccessInput(request, TOKEN, NOW);
    expect(input.taskToken).toBe(TOKEN);
    expect(JSON.parse(input.output!)).toEqual({ approvedBy: 'alice', reason: 'said "yes"', at: '2026-11-29T13:05:00.000Z' });
  });

  it('names the rejection Rejected, the error the state machine turns into ApprovalNotGranted', () => {
    expect(taskFailureInput({ ...request, decision: 'reject' }, TOKEN, NOW)).toEqual({ taskToken: TOKEN, error: 'Rejected', cause: 'Rejected by alice at 2026-11-29T13:05:00.000Z: said "yes"' });
  });
});
