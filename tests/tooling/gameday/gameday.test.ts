// make gameday on a scripted account: the sequence (switchover into us-east-2, failback into us-east-1,
// orders flowing throughout), the measured figures from a known timeline, lost orders, a failed
// switchover, us-east-1 lost during the failback, and the refusals.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { GamedayJson } from '../../../tooling/gameday/report.ts';
import { gamedayCommand } from '../../../tooling/gameday/cli.ts';
import { captureIo } from '../runbook/world.ts';
import { gamedayWorld, PRIMARY, repoRoot, SECONDARY, tlsFiles } from './world.ts';

const OPTIONS = { warmupSeconds: 10, cooldownSeconds: 60, settleSeconds: 60, pollSeconds: 5, checkSeconds: 5, readinessSeconds: 60, executionBoundSeconds: 400 };

describe('make gameday', () => {
  const world = gamedayWorld();
  const root = repoRoot();
  afterEach(() => world.reset());
  afterAll(() => world.restore());

  async function run(extra: string[] = [], env = 'dev') {
    const out = mkdtempSync(join(tmpdir(), 'gameday-out-'));
    const tls = tlsFiles(out);
    const io = captureIo();
    const code = await world.clock.run(
      gamedayCommand(['--env', env, '--live', '--out', out, '--cert', tls.cert, '--key', tls.key, '--orders-per-second', '1', ...extra], io, { root, ports: () => world.ports(), options: OPTIONS, mocked: true }),
    );
    const files = readdirSync(out).filter((f) => f.startsWith('gameday-')).sort();
    const md = files.find((f) => f.endsWith('.md'));
    const json = files.find((f) => f.endsWith('.json'));
    return {
      code,
      io,
      files,
      md: md ? readFileSync(join(out, md), 'utf8') : '',
      json: json ? (JSON.parse(readFileSync(join(out, json), 'utf8')) as GamedayJson) : undefined,
    };
  }

  const startRegions = () => world.aws.calls.filter((c) => c.command === 'StartExecutionCommand').map((c) => c.region);

  it('switches over and back under load and measures DNS and the first processed order from the timeline', async () => {
    // Prepare: both legs succeed; each flips DNS 95 s after its start and serves from +85 s; orders are processed 12 s after acknowledgement.
    world.legs.push({ outcome: { status: 'SUCCEEDED', ready: true } }, { outcome: { status: 'SUCCEEDED', ready: true } });
    // Act
    const r = await run();
    // Assess
    expect(r.io.err()).toBe('');
    expect(r.code).toBe(0);
    expect(r.io.out()).toMatch(/^Game day PASS: .*gameday-dev-20261129T160000Z\.md and \.json\n$/);
    expect(r.files).toEqual(['gameday-dev-20261129T160000Z.json', 'gameday-dev-20261129T160000Z.md']);
    // Each switchover starts in its target region only: us-east-2 first, then the failback in us-east-1.
    expect(startRegions()).toEqual([SECONDARY, PRIMARY]);
    const j = r.json!;
    expect(j.measured).toBe(true);
    expect(j.scenario).toBe('planned-switchover-and-failback');
    expect(j.legs.map((l) => [l.name, l.target, l.startedAt, l.status, l.validatorReady, l.dnsSeconds, l.firstProcessed?.ackSeconds, l.firstProcessed?.processedSeconds])).toEqual([
      ['switchover', SECONDARY, 10, 'SUCCEEDED', true, 95, 95.1, 110],
      ['failback', PRIMARY, 130, 'SUCCEEDED', true, 95, 95.1, 110],
    ]);
    expect(j.rtoSeconds).toBe(110);
    // 1 order/s for 250 s; the client gives up on the orders sent while the old region is fenced and DNS still names it (75 s per leg).
    expect(j.orders).toMatchObject({ submitted: 250, acknowledged: 106, processed: 106, lostInFailover: 0, refusedNotAcknowledged: 144 });
    expect(j.availability).toEqual({ unavailableSeconds: 150, longestGapSeconds: 75 });
    expect(j.refusals.http503).toBeGreaterThan(144);
    expect(j.budget).toMatchObject({ rtoBudgetSeconds: 900, dnsBudgetSeconds: 100, lostInFailover: 0 });
    expect(j.drill).toMatchObject({ scenario: 'planned-switchover-and-failback', dnsSeconds: [10, 10], availability: { unavailableSeconds: 630.5 } });
    expect(j.invariants.every((i) => i.held)).toBe(true);
    expect(j.verdict).toEqual({ ok: true, reasons: [] });
    // The markdown: marked as mocked, the timeline in seconds since the start, the figures beside budget and drill.
    expect(r.md).toContain('**Produced by a mocked run**');
    expect(r.md).toContain('real figures come only from a real account');
    expect(r.md).toContain('**Verdict: PASS**');
    expect(r.md).toContain('| 105.0 | dns | api.dev.trading.example.com resolves to us-east-2 (18.220.2.20, 18.220.2.21; TTL 5 s) |');
    expect(r.md).toContain('| 10.0 | us-east-2 | switchover into us-east-2 started (arn:aws:states:us-east-2:');
    expect(r.md).toContain('| DNS answers with the new region (from the start) | 95.0 s | 95.0 s | 100 s | 10.0 s / 10.0 s |');
    expect(r.md).toContain('| ... processed (rtoSeconds) | 110.0 s | 110.0 s | 900 s |');
    expect(r.md).toContain('| lostInFailover (acknowledged, never processed) | 0 | | 0 | 0 |');
  });

  it('reports orders acknowledged but never processed by their orderIds, with a failing verdict', async () => {
    // Prepare: the five orders the primary acknowledges just before it is fenced (t 25-30 s) never reach the database.
    world.legs.push({ outcome: { status: 'SUCCEEDED', ready: true } }, { outcome: { status: 'SUCCEEDED', ready: true } });
    world.dropWindows.push({ from: 25, to: 30 });
    // Act
    const r = await run();
    // Assess
    const lost = ['000026', '000027', '000028', '000029', '000030'].map((n) => `gd20261129160000-${n}`);
    expect(r.code).toBe(1);
    expect(r.json!.lostOrderIds).toEqual(lost);
    expect(r.json!.orders.lostInFailover).toBe(5);
    expect(r.json!.invariants.find((i) => i.name === 'acknowledged-orders-accounted')).toMatchObject({ held: false, firstViolationAt: 25 });
    expect(r.json!.verdict.ok).toBe(false);
    expect(r.json!.verdict.reasons).toEqual([`5 acknowledged order(s) never processed: ${lost.join(', ')}`]);
    expect(r.md).toContain('**Verdict: FAIL**');
    expect(r.md).toContain(`Lost orders (acknowledged, never processed): ${lost.join(', ')}.`);
    expect(r.io.out()).toContain('Game day FAIL');
  });

  it('stops the load, writes the report and exits 1 without failing back when the switchover fails', async () => {
    // Prepare: the switchover fails closed (its fence failed), so us-east-1 keeps serving.
    world.legs.push({ outcome: { status: 'FAILED', error: 'FenceFailed', cause: 'us-east-1 could not be fenced; restored' } });
    // Act
    const r = await run();
    // Assess
    expect(r.code).toBe(1);
    expect(startRegions()).toEqual([SECONDARY]);
    expect(world.starts).toHaveLength(1);
    expect(r.json!.legs.map((l) => [l.name, l.status, l.error])).toEqual([['switchover', 'FAILED', 'FenceFailed']]);
    expect(r.json!.verdict.reasons).toEqual(['switchover into us-east-2 ended FAILED (FenceFailed: us-east-1 could not be fenced; restored)', 'the failback was not started']);
    // The execution ended at 130 s; no order is sent after that (the last retries of orders already sent end within the backoff).
    const sentAfterEnd = world.transportCalls.filter((c) => c.t > 130 + 15);
    expect(sentAfterEnd).toEqual([]);
    expect(r.json!.timeline.filter((e) => e.what.startsWith('load stopped')).map((e) => [e.t, e.what])).toEqual([[131.1, 'load stopped after 130 order(s)']]);
    expect(r.md).toContain('| execution | FAILED | not started |');
  });

  it('reports from us-east-2 when every us-east-1 call fails during the failback', async () => {
    // Prepare: us-east-1 is lost 30 s into the failback (started at 130 s).
    world.legs.push({ outcome: { status: 'SUCCEEDED', ready: true } }, { outcome: { status: 'SUCCEEDED', ready: true } });
    world.outages.set(PRIMARY, 160);
    // Act
    const r = await run();
    // Assess
    expect(r.code).toBe(1);
    const j = r.json!;
    expect(j.legs[1]).toMatchObject({ name: 'failback', status: 'UNKNOWN', error: 'NotFollowed' });
    expect(j.legs[1]!.cause).toMatch(/had not ended after 400 s; last error: TimeoutError: connect ETIMEDOUT us-east-1 endpoint/);
    // Every order acknowledged (by us-east-2) is found processed through us-east-2's audit bucket.
    expect(j.orders.acknowledged).toBeGreaterThan(0);
    expect(j.orders.processed).toBe(j.orders.acknowledged);
    expect(j.orders.lostInFailover).toBe(0);
    expect(j.refusals.connection).toBeGreaterThan(0);
    // us-east-1 answered nothing after the outage; the report says its audit reads failed.
    const after = world.aws.calls.filter((c) => c.region === PRIMARY && c.command === 'HeadObjectCommand');
    expect(after.length).toBeGreaterThan(0);
    expect(r.md).toContain('Audit reads that failed: us-east-1: TimeoutError: connect ETIMEDOUT us-east-1 endpoint (3000 ms).');
    expect(r.md).toContain('failback into us-east-1 ended UNKNOWN (NotFollowed');
  });

  it.each([
    ['a recovery already running', () => world.setRunning([{ name: 'switchover-20261129T155500Z', executionArn: `arn:aws:states:${SECONDARY}:210987654321:execution:trading-dev-failover:switchover-20261129T155500Z` }]), `gameday: error: A recovery is running in ${SECONDARY} (switchover-20261129T155500Z): a game day starts only when none runs; follow it with make status ENV=dev LIVE=1.\n`],
    ['the authority on the secondary', () => world.setAuthority({ [PRIMARY]: 'Off', [SECONDARY]: 'On' }), `gameday: error: The authority is not on the primary: the routing controls say ${PRIMARY} Off, ${SECONDARY} On, and a game day starts only when ${PRIMARY} alone is On.\n`],
    [
      'the writer in the secondary',
      () => {
        world.setAuthority({ [PRIMARY]: 'On', [SECONDARY]: 'Off' });
        world.setWriter(SECONDARY);
      },
      `gameday: error: The primary is not the writer: the global database writer is ${SECONDARY}, not ${PRIMARY}.\n`,
    ],
  ])('refuses to start with %s, saying which fact is wrong, and changes nothing', async (_what, prepare, message) => {
    prepare();
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.io.err()).toBe(message);
    expect(startRegions()).toEqual([]);
    expect(world.transportCalls).toEqual([]);
    expect(r.files).toEqual([]);
  });

  it.each([
    ['offline', ['--env', 'dev'], /^gameday: error: make gameday .* only runs live: LIVE=1 \(with credentials for the environment's account\) does that; to rehearse offline, run the lifecycle drill: npm run --silent drill -- --lifecycle --scenario planned-switchover-and-failback --env <env>\.\n$/],
    ['an unknown environment', ['--env', 'qa', '--live'], /^gameday: error: Unknown environment "qa": use one of dev, staging, prod/],
    ['prod without --force', ['--env', 'prod', '--live'], /^gameday: error: A game day in prod .* add FORCE=1 \(--force\)/],
    ['--orders-per-second 0', ['--env', 'dev', '--live', '--orders-per-second', '0'], /^gameday: error: --orders-per-second needs a whole number from 1 to 50, got 0\.\n$/],
    ['--orders-per-second 2.5', ['--env', 'dev', '--live', '--orders-per-second', '2.5'], /^gameday: error: --orders-per-second needs a whole number from 1 to 50, got 2\.5\.\n$/],
    ['no client certificate', ['--env', 'dev', '--live'], /^gameday: error: --cert and --key are required/],
  ])('refuses %s in one line', async (_what, argv, message) => {
    const io = captureIo();
    const code = await gamedayCommand(argv, io, { root, ports: () => world.ports(), options: OPTIONS });
    expect(code).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().split('\n')).toHaveLength(2);
    expect(world.aws.calls).toEqual([]);
  });

  it('runs prod with --force (FORCE=1) past the refusal', async () => {
    world.legs.push({ outcome: { status: 'SUCCEEDED', ready: true } }, { outcome: { status: 'SUCCEEDED', ready: true } });
    const r = await run(['--force'], 'prod');
    expect(r.io.err()).toBe('');
    expect(r.files).toEqual(['gameday-prod-20261129T160000Z.json', 'gameday-prod-20261129T160000Z.md']);
  });
});
