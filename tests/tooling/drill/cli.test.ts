// The drill's command line. The lifecycle mode runs a scenario file written outside the project
// (`--scenario-file <file> --format json`); bad input is one line and exit code 2, never a stack trace.
// Most cases run in-process through the same wrapper the command uses; two run the real command.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { guarded } from '../../../tooling/core/cli.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { drillCommand } from '../../../tooling/drill/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'drill-cli-'));
const file = (name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
};
const scenario = (over: Record<string, unknown> = {}) => ({
  name: 'outside-written',
  title: 'Written outside the project',
  env: 'dev',
  duration: 240,
  orders: { ratePerSecond: 2, maxAgeSeconds: 60 },
  events: [],
  ...over,
});

/** Runs the command in-process: exit code, stdout lines and stderr as the terminal would show them. */
async function drill(args: string[]) {
  const stdout: string[] = [];
  let stderr = '';
  const exitCode = await guarded('drill', { stdout: (s) => stdout.push(s), stderr: (s) => (stderr += s) }, () => drillCommand(args, (s) => stdout.push(s)));
  return { exitCode, stdout: stdout.join('\n'), stderr };
}

describe('drill --scenario-file (the command)', () => {
  const command = (args: string[]) => $({ cwd: repoRoot, nothrow: true, quiet: true })`npm run --silent drill -- ${args}`;

  it('prints one JSON object per scenario with the fixed field names, and exits 0 when every invariant holds', async () => {
    const out = await command(['--scenario-file', file('calm.json', scenario()), '--format', 'json']);
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!);
    expect(Object.keys(r)).toEqual(['scenario', 'ok', 'invariants', 'orders', 'availability', 'rtoSeconds', 'refenceSeconds', 'refences', 'timeline']);
    expect(r).toMatchObject({ scenario: 'outside-written', ok: true, rtoSeconds: null });
    expect(Object.keys(r.orders)).toEqual(['submitted', 'acknowledged', 'refusedNotAcknowledged', 'processed', 'rejected', 'rejectedStale', 'stranded', 'lostInFailover', 'processedTwice', 'processedByNonWriter']);
    expect(Object.keys(r.availability)).toEqual(['unavailableSeconds', 'longestGapSeconds']);
    expect(Object.keys(r.invariants[0])).toEqual(['name', 'held', 'firstViolationAt', 'detail']);
    expect(Object.keys(r.timeline[0])).toEqual(['t', 'region', 'what']);
  }, 120_000);

  it('refuses a bad scenario file with one line on stderr and exit code 2', async () => {
    const out = await command(['--scenario-file', file('late.json', scenario({ events: [{ at: 9000, fault: 'heal' }] })), '--format', 'json']);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr.trim()).toMatch(/^drill: error: events\[0\]\.at: 9000 is outside duration 240 \(scenario file .*late\.json\)$/);
  }, 120_000);
});

describe('drill lifecycle mode', () => {
  it('exits 1 when an invariant is violated, and draws the scenario in markdown', async () => {
    // A switchover whose target region is lost just after its promotion was accepted: the writer moves
    // into the lost region, so the watchdog (which needs the old region to be the writer still) leaves
    // it to a person, and only a data-loss failover back into us-east-1 ends it (the README says so).
    const events = [
      { at: 60, action: 'start-recovery', region: 'us-east-2', mode: 'switchover' },
      { at: 70, fault: 'region-outage', region: 'us-east-2' },
    ];
    const out = await drill(['--scenario-file', file('lost.json', scenario({ duration: 3500, events })), '--format', 'markdown']);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain('```mermaid\ngantt');
    expect(out.stdout).toContain('section us-east-2');
    expect(out.stdout).toMatch(/region outage :crit, 70, 3500/);
    expect(out.stdout).toContain('| `failed-recovery-keeps-a-server` | **violated**');
  }, 120_000);

  it('prints the timeline and the verdicts by default', async () => {
    const out = await drill(['--scenario-file', file('calm-human.json', scenario()), '--timing']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('PASS  outside-written: Written outside the project');
    expect(out.stdout).toContain('Lifecycle timing (simulated seconds, with sources):');
    expect(out.stdout).toContain('1/1 scenarios hold every invariant.');
  }, 120_000);

  it.each([
    ['an unknown field', ['--scenario-file', file('u.json', scenario({ events: [{ at: 10, fault: 'partition', color: 'red' }] }))], /^drill: error: events\[0\]: unknown field "color" \(scenario file .*\)$/],
    ['a region outside the pair', ['--scenario-file', file('r.json', scenario({ events: [{ at: 10, fault: 'region-outage', region: 'eu-west-1' }] }))], /^drill: error: events\[0\]\.region: eu-west-1 is not one of the pair \(us-east-1, us-east-2\)/],
    ['a file that is not JSON', ['--scenario-file', file('n.json', '{')], /^drill: error: scenario file .* is not JSON/],
    ['a missing file', ['--scenario-file', join(dir, 'missing.json')], /^drill: error: cannot read scenario file .*missing\.json: ENOENT$/],
    ['an unknown shipped scenario', ['--lifecycle', '--scenario', 'nope'], /^drill: error: Unknown lifecycle scenario "nope": choose one of arc-endpoints-partly-down-during-failover, /],
    ['a bad format', ['--lifecycle', '--format', 'xml'], /^drill: error: Unknown --format xml: use one of human, json, markdown\.$/],
    ['json for the state-machine drill', ['--scenario', 'planned-switchover', '--format', 'json'], /^drill: error: --format json and markdown are for the lifecycle drill/],
    ['a file and a shipped scenario together', ['--scenario-file', 'x.json', '--all'], /^drill: error: Give either --scenario-file <file> or --scenario\/--all, not both\.$/],
    ['--timing with json', ['--lifecycle', '--format', 'json', '--timing'], /^drill: error: --timing prints a table/],
  ])('refuses %s with one line and exit code 2', async (_, args, pattern) => {
    const out = await drill(args);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr.trim()).toMatch(pattern);
  });
});
