// make failover without Terraform state: the state machine of TARGET is found by the naming convention
// and the account STS names in TARGET, and nothing is sent to the region being left, so the command
// works while that region is gone.
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { awsRunbookClients } from '../../../tooling/runbook/clients.ts';
import { failoverCommand } from '../../../tooling/runbook/cli.ts';
import { ACCOUNT, awsError, awsWorld, captureIo, PRIMARY, repoWith, SECONDARY, TFVARS } from './world.ts';

const NOW = new Date('2026-11-29T13:05:07.250Z');
const args = (target: string, mode = 'failover') => ['--env', 'prod', '--mode', mode, '--target', target, '--reason', 'INC-1234: us-east-1 "down"'];

describe('make failover with a region gone', () => {
  const world = awsWorld();
  const root = repoWith();
  const deps = { clients: awsRunbookClients, live: '1', root, now: () => NOW };
  const identity = () => ({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/break-glass/alice` });
  const started = (input: { stateMachineArn: string; name: string }) => ({ executionArn: `${input.stateMachineArn.replace(':stateMachine:', ':execution:')}:${input.name}`, startDate: NOW });
  afterEach(() => world.reset());
  afterAll(() => world.restore());

  it('starts us-east-2 own state machine while every call to us-east-1 fails, and calls only us-east-2', async () => {
    // Prepare
    world.down.add(PRIMARY);
    world.answer('sts', GetCallerIdentityCommand, identity);
    world.answer('sfn', StartExecutionCommand, started);
    const io = captureIo();
    // Act
    const code = await failoverCommand(args(SECONDARY), io, deps);
    // Assess
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(world.calls).toEqual([
      { service: 'sts', region: SECONDARY, command: 'GetCallerIdentityCommand', input: {} },
      {
        service: 'sfn',
        region: SECONDARY,
        command: 'StartExecutionCommand',
        input: {
          stateMachineArn: `arn:aws:states:${SECONDARY}:${ACCOUNT}:stateMachine:trading-prod-failover`,
          name: 'failover-20261129T130507Z',
          input: JSON.stringify({ mode: 'failover', targetRegion: SECONDARY, reason: 'INC-1234: us-east-1 "down"', trigger: 'manual', startedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/break-glass/alice` }),
        },
      },
    ]);
    expect(io.out()).toContain(`Started failover into ${SECONDARY} (prod): arn:aws:states:${SECONDARY}:${ACCOUNT}:execution:trading-prod-failover:failover-20261129T130507Z`);
    expect(io.out()).toContain(`make approve ENV=prod EXECUTION=arn:aws:states:${SECONDARY}:${ACCOUNT}:execution:trading-prod-failover:failover-20261129T130507Z BY=`);
  });

  it('forces a failover with its reason in the input, and records who started it', async () => {
    world.answer('sts', GetCallerIdentityCommand, identity);
    world.answer('sfn', StartExecutionCommand, started);
    const io = captureIo();
    const code = await failoverCommand([...args(SECONDARY), '--force', '--force-reason', 'us-east-1 answers but corrupts orders'], io, deps);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(String(world.calls[1]!.input.input))).toEqual({
      mode: 'failover',
      targetRegion: SECONDARY,
      reason: 'INC-1234: us-east-1 "down"',
      trigger: 'manual',
      startedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/break-glass/alice`,
      force: true,
      forceReason: 'us-east-1 answers but corrupts orders',
    });
    expect(io.out()).toContain('FORCED: us-east-1 answers but corrupts orders');
  });

  it.each([
    [['--force'], 'FORCE=1 needs FORCE_REASON='],
    [['--force', '--force-reason', '  '], 'FORCE=1 needs FORCE_REASON='],
    [['--force-reason', 'why'], 'FORCE_REASON is only read with FORCE=1'],
  ])('refuses %j before calling AWS', async (extra, message) => {
    const io = captureIo();
    const code = await failoverCommand([...args(SECONDARY), ...extra], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(world.calls).toEqual([]);
  });

  it('refuses force on a switchover', async () => {
    const io = captureIo();
    const code = await failoverCommand([...args(SECONDARY, 'switchover'), '--force', '--force-reason', 'x'], io, deps);
    expect(code).toBe(2);
    expect(io.err()).toContain('FORCE=1 applies only to MODE=failover');
    expect(world.calls).toEqual([]);
  });

  it('fails back into us-east-1 with us-east-2 gone, calling only us-east-1', async () => {
    world.down.add(SECONDARY);
    world.answer('sts', GetCallerIdentityCommand, identity);
    world.answer('sfn', StartExecutionCommand, started);
    const code = await failoverCommand(args(PRIMARY, 'switchover'), captureIo(), deps);
    expect(code).toBe(0);
    expect(world.regionsCalled()).toEqual([PRIMARY]);
    expect(world.calls[1]!.input.stateMachineArn).toBe(`arn:aws:states:${PRIMARY}:${ACCOUNT}:stateMachine:trading-prod-failover`);
  });

  it('says nothing about approvals when the environment needs none', async () => {
    world.answer('sts', GetCallerIdentityCommand, identity);
    world.answer('sfn', StartExecutionCommand, started);
    const io = captureIo();
    const code = await failoverCommand(args(SECONDARY), io, { ...deps, root: repoWith(TFVARS.replace('require_approval         = true', 'require_approval = false')) });
    expect(code).toBe(0);
    expect(io.out()).not.toContain('make approve');
  });

  it('refuses credentials of another account before starting anything', async () => {
    world.answer('sts', GetCallerIdentityCommand, () => ({ Account: '999988887777', Arn: 'arn:aws:iam::999988887777:user/ci' }));
    const io = captureIo();
    const code = await failoverCommand(args(SECONDARY), io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe(`failover: error: The credentials are for account 999988887777 (arn:aws:iam::999988887777:user/ci), but prod is account ${ACCOUNT} (environments/prod/terraform.tfvars): use credentials for ${ACCOUNT}.\n`);
    expect(world.calls.map((c) => c.command)).toEqual(['GetCallerIdentityCommand']);
  });

  it('reports an unreachable TARGET in one line instead of trying the other region', async () => {
    world.down.add(SECONDARY);
    const io = captureIo();
    const code = await failoverCommand(args(SECONDARY), io, deps);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^failover: error: STS in us-east-2 did not answer \(TimeoutError: connect ETIMEDOUT us-east-2 endpoint \(3000 ms\)\)/);
    expect(world.regionsCalled()).toEqual([SECONDARY]);
  });

  it('names the state machine it looked for when the environment is not applied there', async () => {
    world.answer('sts', GetCallerIdentityCommand, identity);
    world.answer('sfn', StartExecutionCommand, () => {
      throw awsError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
    });
    const io = captureIo();
    const code = await failoverCommand(args(SECONDARY), io, deps);
    expect(code).toBe(2);
    expect(io.err()).toBe(`failover: error: arn:aws:states:${SECONDARY}:${ACCOUNT}:stateMachine:trading-prod-failover does not exist: is prod applied in account ${ACCOUNT}, with this name prefix (environments/prod/terraform.tfvars)?\n`);
  });

  it.each([
    ['a TARGET outside the environment', args('eu-west-1'), 'failover: error: TARGET eu-west-1 is neither region of prod (us-east-1, us-east-2).\n'],
    ['an unknown mode', ['--env', 'prod', '--mode', 'promote', '--target', SECONDARY, '--reason', 'x'], 'failover: error: MODE must be switchover'],
    ['a blank reason', ['--env', 'prod', '--mode', 'failover', '--target', SECONDARY, '--reason', ' '], 'failover: error: REASON must say why'],
  ])('refuses %s before calling AWS', async (_label, argv, message) => {
    const io = captureIo();
    const code = await failoverCommand(argv, io, deps);
    expect(code).toBe(2);
    expect(io.err().slice(0, message.length)).toBe(message);
    expect(world.calls).toEqual([]);
  });
});
