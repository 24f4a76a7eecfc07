// The make targets of the runbook, through the real bin scripts: listed by make help, refused offline,
// and their arguments reach the commands intact (a refusal names the missing or malformed one). No test
// here gets as far as an AWS call.
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { repoRoot } from '../../../tooling/core/paths.ts';

const EXECUTION = 'arn:aws:states:us-east-2:210987654321:execution:trading-prod-failover:failover-20261129T130000Z';
const make = (...args: string[]) => $({ cwd: repoRoot, nothrow: true, quiet: true, env: { ...process.env, LIVE: '' } })`make --no-print-directory ${args}`;

// Each case starts tsx on a bin script (a few seconds, more on a loaded machine).
describe('runbook make targets', { timeout: 120_000 }, () => {
  it('are listed by make help', async () => {
    const out = await make('help');
    expect(out.exitCode).toBe(0);
    const targets = out.stdout.split('\n').map((l) => /^ {2}make (\S+)/.exec(l)?.[1]).filter(Boolean);
    expect(targets).toEqual(expect.arrayContaining(['failover', 'approve', 'reject', 'status']));
  });

  it.each(['approve', 'reject'])('make %s refuses to run without LIVE=1', async (target) => {
    const out = await make(target, 'ENV=prod', `EXECUTION=${EXECUTION}`, 'BY=alice', 'REASON=drill');
    expect(out.exitCode).toBe(2);
    expect(out.stdout + out.stderr).toMatch(new RegExp(`^error: ${target} only runs live`, 'm'));
  });

  it('make status refuses to run without LIVE=1', async () => {
    const out = await make('status', 'ENV=prod');
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('status: error: make status reads AWS with your credentials, so it only runs live: make status ENV=prod LIVE=1.');
  });

  it('passes an approver with spaces intact and names the missing reason', async () => {
    const out = await make('reject', 'ENV=prod', `EXECUTION=${EXECUTION}`, 'BY=Alice Smith (on call)', 'LIVE=1');
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/^reject: error: REASON must say why/m);
    expect(out.stderr).not.toContain('    at ');
  });

  it('names a missing execution rather than a missing option value, and does not echo the command', async () => {
    const out = await make('approve', 'ENV=prod', 'REGION=us-east-2', 'BY=alice', 'REASON=drill', 'LIVE=1');
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/^approve: error: EXECUTION is missing/m);
    expect(out.stdout).not.toContain('tooling/bin/approve.ts');
  });
});
