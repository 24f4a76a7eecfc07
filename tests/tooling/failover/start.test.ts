// make failover: argument checks, choice of the target region's state machine, and the exact
// start-execution call. The live path itself needs AWS; the refusal to run offline is tested here.
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { executionName, parseFailoverRequest, startExecutionArgs, stateMachineFor } from '../../../tooling/failover/start.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const arns = {
  primary: 'arn:aws:states:us-east-1:111122223333:stateMachine:trading-prod-failover',
  secondary: 'arn:aws:states:us-east-2:111122223333:stateMachine:trading-prod-failover',
};

describe('parseFailoverRequest', () => {
  it('accepts a complete request', () => {
    expect(parseFailoverRequest({ env: 'prod', mode: 'failover', target: 'us-east-2', reason: ' us-east-1 outage ' })).toEqual({
      env: 'prod',
      mode: 'failover',
      target: 'us-east-2',
      reason: 'us-east-1 outage',
    });
  });

  it.each([
    [{ env: 'qa', mode: 'failover', target: 'us-east-2', reason: 'x' }, /Unknown environment "qa"/],
    [{ env: 'prod', mode: 'promote', target: 'us-east-2', reason: 'x' }, /MODE must be switchover .* or failover .*; got "promote"/],
    [{ env: 'prod', mode: 'failover', target: 'useast2', reason: 'x' }, /TARGET must be the region to activate/],
    [{ env: 'prod', mode: 'failover', target: 'us-east-2', reason: '  ' }, /REASON must say why/],
  ])('refuses %j with one message', (args, message) => {
    expect(() => parseFailoverRequest(args)).toThrow(message);
  });
});

describe('start-execution call', () => {
  it('starts the state machine of the TARGET region, never the other one', () => {
    expect(stateMachineFor('us-east-2', arns)).toBe(arns.secondary);
    expect(stateMachineFor('us-east-1', arns)).toBe(arns.primary);
    expect(() => stateMachineFor('eu-west-1', arns)).toThrow('TARGET eu-west-1 is neither region of this environment (us-east-1, us-east-2)');
  });

  it('builds the input as JSON, so a reason with quotes cannot break it', () => {
    const request = parseFailoverRequest({ env: 'prod', mode: 'switchover', target: 'us-east-2', reason: 'drill "Q3"; owner=ops' });
    const args = startExecutionArgs(request, arns.secondary, new Date(Date.UTC(2025, 2, 14, 14, 7, 5, 123)));
    expect(args).toEqual([
      'stepfunctions', 'start-execution', '--region', 'us-east-2', '--state-machine-arn', arns.secondary,
      '--name', 'switchover-20250314T140705Z',
      '--input', '{"mode":"switchover","targetRegion":"us-east-2","reason":"drill \\"Q3\\"; owner=ops"}',
    ]);
    expect(JSON.parse(args.at(-1)!)).toEqual({ mode: 'switchover', targetRegion: 'us-east-2', reason: 'drill "Q3"; owner=ops' });
  });

  it('names executions with characters Step Functions accepts', () => {
    expect(executionName('failover', new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toMatch(/^failover-20250102T030405Z$/);
  });
});

describe('make failover offline', () => {
  it('refuses in one sentence and exit code 2, before touching Terraform or AWS', async () => {
    const out = await $({ cwd: repoRoot, nothrow: true, quiet: true, env: { ...process.env, LIVE: '' } })`make --no-print-directory failover ENV=dev MODE=failover TARGET=us-east-2 REASON=test`;
    expect(out.exitCode).toBe(2);
    expect(out.stdout + out.stderr).toMatch(/^error: failover only runs live/m);
  });
});
