// make approve / make reject: the decision goes to the state machine of REGION with the token as given
// and the approver recorded, works with the other region gone, and bad input is refused in one line.
import { DescribeExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { awsRunbookClients } from '../../../tooling/runbook/clients.ts';
import { approvalCommand } from '../../../tooling/runbook/cli.ts';
import { parseApprovalRequest, taskFailureInput, taskSuccessInput } from '../../../tooling/runbook/approval.ts';
import { ACCOUNT, awsError, awsWorld, captureIo, PRIMARY, repoWith, SECONDARY } from './world.ts';

const BOB = `arn:aws:sts::${ACCOUNT}:assumed-role/trading-prod-recovery-approver/bob`;
const ALICE = `arn:aws:sts::${ACCOUNT}:assumed-role/trading-prod-recovery-operator/alice`;
const EXECUTION = `arn:aws:states:us-east-2:${ACCOUNT}:execution:trading-prod-failover:failover-20261129T130000Z`;

// A task token as Step Functions writes it into the approval message (base64 text, several hundred characters).
const TOKEN = `AQCEAAAAKgAAAAMAAAAAAAAAAR${'x9Kq+/Zb'.repeat(40)}QUJDRA==`;
const NOW = new Date('2026-11-29T13:05:00.000Z');

describe('make approve and make reject with us-east-1 gone', () => {
  const world = awsWorld();
  const root = repoWith();
  const deps = { clients: awsRunbookClients, live: '1', root, now: () => NOW };
  afterEach(() => world.reset());
  afterAll(() => world.restore());

  it('approves in us-east-2 with the token as given and the approver, reason and time in the output', async () => {
    // Prepare
    world.down.add(PRIMARY);
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    world.answer('sfn', SendTaskSuccessCommand, () => ({}));
    const io = captureIo();
    // Act
    const code = await approvalCommand('approve', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--by', 'alice@example.com', '--reason', 'INC-1234: us-east-1 down'], io, deps);
    // Assess
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(world.calls).toEqual([
      { service: 'sts', region: SECONDARY, command: 'GetCallerIdentityCommand', input: {} },
      {
        service: 'sfn',
        region: SECONDARY,
        command: 'SendTaskSuccessCommand',
        input: { taskToken: TOKEN, output: JSON.stringify({ approvedBy: 'alice@example.com', reason: 'INC-1234: us-east-1 down', at: '2026-11-29T13:05:00.000Z', approverArn: BOB }) },
      },
    ]);
    expect(io.out()).toContain(`Approved by alice@example.com in ${SECONDARY}`);
  });

  it('rejects in us-east-2 with error Rejected and a cause naming who and why', async () => {
    world.down.add(PRIMARY);
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    world.answer('sfn', SendTaskFailureCommand, () => ({}));
    const io = captureIo();
    const code = await approvalCommand('reject', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--by', 'bob', '--reason', 'primary is recovering', '--live'], io, { ...deps, live: undefined });
    expect(code).toBe(0);
    expect(world.calls).toEqual([
      { service: 'sts', region: SECONDARY, command: 'GetCallerIdentityCommand', input: {} },
      { service: 'sfn', region: SECONDARY, command: 'SendTaskFailureCommand', input: { taskToken: TOKEN, error: 'Rejected', cause: `Rejected by bob (${BOB}) at 2026-11-29T13:05:00.000Z: primary is recovering` } },
    ]);
    expect(io.out()).toContain('ApprovalNotGranted');
  });

  it('sends a failback approval to us-east-1 when that is the REGION, and says clearly when it does not answer', async () => {
    world.down.add(PRIMARY);
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--region', PRIMARY, '--token', TOKEN, '--by', 'alice', '--reason', 'failback'], io, deps);
    expect(code).toBe(2);
    expect(world.calls.map((c) => `${c.region} ${c.command}`)).toEqual([`${PRIMARY} GetCallerIdentityCommand`]);
    expect(io.err()).toMatch(new RegExp(`^approve: error: STS in ${PRIMARY} did not answer \\(TimeoutError: connect ETIMEDOUT ${PRIMARY} endpoint \\(3000 ms\\)\\): the approver must be identified; check the credentials.\\n$`));
  });

  it.each([
    ['InvalidToken', /does not accept this token .*check REGION/],
    ['TaskDoesNotExist', /No recovery in us-east-2 waits for this token any more .*make status ENV=prod LIVE=1/],
    ['TaskTimedOut', /The approval timed out before this answer/],
  ])('explains Step Functions %s in one line', async (name, message) => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    world.answer('sfn', SendTaskSuccessCommand, () => {
      throw awsError(name, 'Invalid Token: token not found');
    });
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--by', 'alice', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().split('\n')).toHaveLength(2);
  });

  it.each([
    ['a missing token', ['--region', SECONDARY, '--by', 'alice', '--reason', 'x'], 'approve: error: TOKEN is missing'],
    ['a placeholder for a token', ['--region', SECONDARY, '--token', '<token>', '--by', 'alice', '--reason', 'x'], 'approve: error: TOKEN is not a task token (base64 text)'],
    ['a token wrapped by a mail client', ['--region', SECONDARY, '--token', `${TOKEN.slice(0, 60)}\n${TOKEN.slice(60)}`, '--by', 'alice', '--reason', 'x'], 'approve: error: TOKEN contains whitespace'],
    ['a token longer than 2048 characters', ['--region', SECONDARY, '--token', 'A'.repeat(2049), '--by', 'alice', '--reason', 'x'], 'approve: error: TOKEN is 2049 characters long'],
    ['a missing region', ['--token', TOKEN, '--by', 'alice', '--reason', 'x'], 'approve: error: REGION must be the region whose state machine asks for approval'],
    ['a malformed region', ['--region', 'useast2', '--token', TOKEN, '--by', 'alice', '--reason', 'x'], 'approve: error: REGION must be the region whose state machine asks for approval'],
    ['a region outside the environment', ['--region', 'eu-west-1', '--token', TOKEN, '--by', 'alice', '--reason', 'x'], 'approve: error: REGION eu-west-1 is neither region of prod (us-east-1, us-east-2).'],
    ['a blank approver', ['--region', SECONDARY, '--token', TOKEN, '--by', '  ', '--reason', 'x'], 'approve: error: BY must name who approves'],
    ['a missing approver', ['--region', SECONDARY, '--token', TOKEN, '--reason', 'x'], 'approve: error: BY must name who approves'],
    ['a missing reason', ['--region', SECONDARY, '--token', TOKEN, '--by', 'alice'], 'approve: error: REASON must say why'],
  ])('refuses %s in one line, before calling AWS', async (_label, args, message) => {
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', ...args], io, deps);
    expect(code).toBe(2);
    expect(io.err().slice(0, message.length)).toBe(message);
    expect(io.err()).not.toMatch(/\n./);
    expect(io.err()).not.toContain('    at ');
    expect(world.calls).toEqual([]);
  });

  it('refuses the principal who started the execution, before answering', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: ALICE }));
    world.answer('sfn', DescribeExecutionCommand, () => ({ input: JSON.stringify({ mode: 'failover', startedBy: ALICE }) }));
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--execution', EXECUTION, '--by', 'alice', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe(`approve: error: ${ALICE} started this recovery and cannot approve it: another person answers (two people, docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).\n`);
    expect(world.calls.map((c) => c.command)).toEqual(['GetCallerIdentityCommand', 'DescribeExecutionCommand']);
  });

  it('answers when another principal started the execution', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: BOB }));
    world.answer('sfn', DescribeExecutionCommand, () => ({ input: JSON.stringify({ mode: 'failover', startedBy: ALICE }) }));
    world.answer('sfn', SendTaskSuccessCommand, () => ({}));
    const code = await approvalCommand('approve', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--execution', EXECUTION, '--by', 'bob', '--reason', 'x'], captureIo(), deps);
    expect(code).toBe(0);
    expect(world.calls.map((c) => c.command)).toEqual(['GetCallerIdentityCommand', 'DescribeExecutionCommand', 'SendTaskSuccessCommand']);
  });

  it('refuses an EXECUTION of another region in one line', async () => {
    const io = captureIo();
    const code = await approvalCommand('approve', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--execution', EXECUTION.replace('us-east-2', 'us-east-1'), '--by', 'bob', '--reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe('approve: error: EXECUTION runs in us-east-1, but REGION is us-east-2: answer in the region whose state machine waits.\n');
    expect(world.calls).toEqual([]);
  });

  it('refuses to run without LIVE=1 or --live', async () => {
    const io = captureIo();
    const code = await approvalCommand('reject', ['--env', 'prod', '--region', SECONDARY, '--token', TOKEN, '--by', 'a', '--reason', 'b'], io, { ...deps, live: undefined });
    expect(code).toBe(2);
    expect(io.err()).toBe('reject: error: make reject answers a real recovery in AWS, so it only runs live: add LIVE=1 (with credentials).\n');
    expect(world.calls).toEqual([]);
  });
});

describe('approval inputs', () => {
  const request = parseApprovalRequest('approve', { env: 'prod', region: ' us-east-2 ', token: ` ${TOKEN} `, by: ' alice ', reason: ' said "yes" ' });

  it('trims the values and keeps the token byte for byte', () => {
    expect(request).toEqual({ env: 'prod', decision: 'approve', region: 'us-east-2', token: TOKEN, by: 'alice', reason: 'said "yes"' });
  });

  it('builds the output as JSON, so quotes in a reason cannot break it', () => {
    const input = taskSuccessInput(request, NOW);
    expect(JSON.parse(input.output!)).toEqual({ approvedBy: 'alice', reason: 'said "yes"', at: '2026-11-29T13:05:00.000Z' });
  });

  it('names the rejection Rejected, the error the state machine turns into ApprovalNotGranted', () => {
    expect(taskFailureInput({ ...request, decision: 'reject' }, NOW)).toEqual({ taskToken: TOKEN, error: 'Rejected', cause: 'Rejected by alice at 2026-11-29T13:05:00.000Z: said "yes"' });
  });
});
