// make failover: argument checks and the exact StartExecution input; the refusal to run offline is
// tested here. The live path, with either region gone, is in tests/tooling/runbook/failover.test.ts.
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { executionName, parseFailoverRequest, startExecutionInput } from '../../../tooling/failover/start.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

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

describe('StartExecution input', () => {
  const arn = 'arn:aws:states:us-east-2:111122223333:stateMachine:trading-prod-failover';

  it('builds the input as JSON, so a reason with quotes cannot break it', () => {
    const request = parseFailoverRequest({ env: 'prod', mode: 'switchover', target: 'us-east-2', reason: 'drill "Q3"; owner=ops' });
    const input = startExecutionInput(request, arn, new Date(Date.UTC(2025, 2, 14, 14, 7, 5, 123)));
    expect(input).toEqual({
      stateMachineArn: arn,
      name: 'switchover-20250314T140705Z',
      input: '{"mode":"switchover","targetRegion":"us-east-2","reason":"drill \\"Q3\\"; owner=ops"}',
    });
    expect(JSON.parse(input.input!)).toEqual({ mode: 'switchover', targetRegion: 'us-east-2', reason: 'drill "Q3"; owner=ops' });
  });

  it('marks a manual start with its starter and, for a forced failover, the force and its reason', () => {
    const request = parseFailoverRequest({ env: 'prod', mode: 'failover', target: 'us-east-2', reason: 'us-east-1 lost' });
    const now = new Date(Date.UTC(2025, 2, 14, 14, 7, 5));
    const starter = 'arn:aws:sts::111122223333:assumed-role/trading-prod-recovery-operator/alice';
    expect(JSON.parse(startExecutionInput(request, arn, now, { startedBy: starter, options: { force: false } }).input!)).toEqual({
      mode: 'failover', targetRegion: 'us-east-2', reason: 'us-east-1 lost', trigger: 'manual', startedBy: starter,
    });
    expect(JSON.parse(startExecutionInput(request, arn, now, { startedBy: starter, options: { force: true, forceReason: 'primary serves stale reads' } }).input!)).toEqual({
      mode: 'failover', targetRegion: 'us-east-2', reason: 'us-east-1 lost', trigger: 'manual', startedBy: starter, force: true, forceReason: 'primary serves stale reads',
    });
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
