// The failover drill: every scenario takes exactly the path of states the design prescribes and ends
// in the expected status. The template is the module's own file, so a change to the state machine
// that alters a path fails here.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { moduleDefaults, planFigures } from '../../../tooling/drill/figures.ts';
import { formatResult } from '../../../tooling/drill/report.ts';
import { baselineWorld, estimateRto, runScenario, type Scenario } from '../../../tooling/drill/run.ts';
import { SCENARIOS } from '../../../tooling/drill/scenarios.ts';
import { Clock, World } from '../../../tooling/drill/world.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { executionTimeoutSeconds } from '../../../tooling/rto/figures.ts';

const figures = moduleDefaults();

const START = ['CheckInputPresent', 'ValidateInput', 'ValidateOptions', 'Configure'];
const PREFLIGHT = [...START, 'DescribeGlobalCluster', 'ClassifyMembers', 'SummariseMembership', 'DescribeTargetCluster', 'CheckPreflight'];
const POLL = ['WaitForPromotion', 'DescribePromotion', 'ClassifyPromotedMembers', 'CountPollAttempt', 'CheckPromotion'];
const polls = (n: number) => Array.from({ length: n }, () => POLL).flat();
const ACTIVATION = ['Activate', 'CheckActivation', 'WaitForHealthCheck', 'RunValidator', 'CheckVerdict'];
const ACTIVATE = [...ACTIVATION, 'NotifySuccess', 'Recovered'];
// The authority moves first (region-fence authorize), then the old region is fenced.
const AUTHORIZE = ['Authorize', 'CheckAuthority'];
const FAIL = ['NotifyFailure', 'Failed'];
const UNDO = ['RestoreOldRegion', 'CheckRestore'];
const TO_FENCE = [...PREFLIGHT, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion'];
// A failover (AllowDataLoss) first asks the probe whether the old region is still seen healthy.
const ASSESS = ['AssessPeerHealth', 'DecideDataLoss'];
const FAILOVER_TO_FENCE = [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion'];
// Documented promotion 300 s, polls 20 s apart (+0.6 s per describe): the 15th poll sees the writer.
const PROMOTION_POLLS = 15;

const expected: Record<string, { status: 'SUCCEEDED' | 'FAILED'; error?: string; path: string[] }> = {
  'planned-switchover': {
    status: 'SUCCEEDED',
    path: [...PREFLIGHT, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion', 'CheckFence', 'ChooseMode', 'Switchover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATE],
  },
  'failover-old-region-unreachable': {
    status: 'SUCCEEDED',
    // The old region could not be fenced: the run waits out its serving-flag lease before promoting.
    path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion', 'RecordFenceFailure', 'CheckFence', 'WaitOutTheLease', 'ChooseMode', 'Failover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATE],
  },
  'automatic-failover': {
    status: 'SUCCEEDED',
    path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion', 'CheckFence', 'WaitOutTheLease', 'ChooseMode', 'Failover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATE],
  },
  'promotion-throttled': {
    status: 'SUCCEEDED',
    path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion', 'CheckFence', 'ChooseMode', 'Failover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATE],
  },
  'promotion-never-completes': {
    status: 'FAILED',
    error: 'PromotionTimedOut',
    // The run's own promotion timed out with the old region still the writer: the authority goes back to it.
    path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion', 'CheckFence', 'ChooseMode', 'Failover', 'StartPolling', ...polls(figures.maxPollAttempts), 'PromotionTimedOut', 'OldRegionStillWriter', 'MarkOwnPromotionTimedOut', ...UNDO, ...FAIL],
  },
  'authority-not-changed': { status: 'FAILED', error: 'AuthorityNotChanged', path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'AuthorityRefused', ...FAIL] },
  'switchover-fence-fails': { status: 'FAILED', error: 'FenceFailed', path: [...TO_FENCE, 'CheckFence', 'FenceFailed', ...UNDO, 'RestoreIncomplete', ...FAIL] },
  'switchover-fence-times-out': { status: 'FAILED', error: 'FenceFailed', path: [...TO_FENCE, 'RecordFenceFailure', 'CheckFence', 'FenceFailed', 'RestoreOldRegion', 'RestoreFailed', ...FAIL] },
  'switchover-refused-undone': { status: 'FAILED', error: 'Rds.InvalidGlobalClusterStateException', path: [...TO_FENCE, 'CheckFence', 'ChooseMode', 'Switchover', 'PromotionFailed', ...UNDO, ...FAIL] },
  'validator-not-ready': {
    status: 'FAILED',
    error: 'NotReady',
    path: [...FAILOVER_TO_FENCE, 'CheckFence', 'ChooseMode', 'Failover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATION, 'NotReady', ...FAIL],
  },
  'preflight-target-not-member': { status: 'FAILED', error: 'TargetNotMember', path: [...PREFLIGHT, 'TargetNotMember', ...FAIL] },
  'preflight-engine-mismatch': { status: 'FAILED', error: 'EngineVersionMismatch', path: [...PREFLIGHT, 'EngineVersionMismatch', ...FAIL] },
  'preflight-already-writer': { status: 'FAILED', error: 'TargetAlreadyWriter', path: [...PREFLIGHT, 'TargetAlreadyWriter', ...FAIL] },
  'approval-granted-prod': {
    status: 'SUCCEEDED',
    path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', 'NotifyApprovers', 'RequestApproval', ...AUTHORIZE, 'FenceOldRegion', 'CheckFence', 'ChooseMode', 'Failover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATE],
  },
  'approval-timeout-prod': {
    status: 'FAILED',
    error: 'ApprovalTimedOut',
    path: [...PREFLIGHT, ...ASSESS, 'ReadRpoLag', 'RequireApproval', 'NotifyApprovers', 'RequestApproval', 'ApprovalTimedOut', ...FAIL],
  },
  'failover-refused-primary-healthy': { status: 'FAILED', error: 'PrimaryHealthy', path: [...PREFLIGHT, ...ASSESS, 'PrimaryHealthy', ...FAIL] },
  'failover-forced-primary-healthy': {
    status: 'SUCCEEDED',
    path: [...PREFLIGHT, ...ASSESS, 'RecordForce', 'ReadRpoLag', 'RequireApproval', ...AUTHORIZE, 'FenceOldRegion', 'CheckFence', 'ChooseMode', 'Failover', 'StartPolling', ...polls(PROMOTION_POLLS), ...ACTIVATE],
  },
  'automatic-failover-primary-health-unknown': { status: 'FAILED', error: 'PrimaryHealthUnknown', path: [...PREFLIGHT, ...ASSESS, 'PrimaryHealthUnknown', ...FAIL] },
  'automatic-failover-cannot-be-forced': { status: 'FAILED', error: 'InvalidInput', path: ['CheckInputPresent', 'ValidateInput', 'ValidateOptions', 'RejectForce', ...FAIL] },
  'input-wrong-region': { status: 'FAILED', error: 'InvalidInput', path: ['CheckInputPresent', 'ValidateInput', 'RejectInput', ...FAIL] },
};

describe('drill scenarios', () => {
  it('covers every scenario with an expected path', () => {
    expect(SCENARIOS.map((s) => s.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s takes the prescribed path', async (name, scenario) => {
    // Act
    const result = await runScenario(scenario, figures);

    // Assess
    const want = expected[name]!;
    expect(result.problems).toEqual([]);
    expect(result.mismatches).toEqual([]);
    expect(result.status).toBe(want.status);
    expect(result.error).toBe(want.error);
    expect(result.path).toEqual(want.path);
    // Every execution ends with exactly one notification of its outcome.
    const outcome = result.notifications.filter((n) => !n.approval);
    expect(outcome).toHaveLength(1);
    expect(outcome[0]!.subject).toMatch(want.status === 'SUCCEEDED' ? /completed$/ : /FAILED$/);
  });
});

describe('failing closed and undoing', () => {
  const run = (name: string) => runScenario(SCENARIOS.find((s) => s.name === name)!, figures);

  it('a switchover whose fence fails stops before the promotion, leaves the old region serving and says why', async () => {
    const result = await run('switchover-fence-fails');
    expect(result.oldRegionServing).toBe(true);
    expect(result.path).not.toContain('Switchover');
    expect(result.cause).toMatch(/^A switchover fails closed: us-east-1 could not be fenced/);
    const failure = result.notifications.find((n) => !n.approval)!;
    expect(failure.message).toContain('TimeoutError: connect ETIMEDOUT');
    // The undo is the restore again (which moves the authority back too), not hand-set flags.
    expect(failure.message).toContain('action restore');
    expect(failure.message).not.toContain('aws ssm put-parameter');
  });

  it('a refused promotion undoes the fence: the old region serves again', async () => {
    const result = await run('switchover-refused-undone');
    expect(result.oldRegionServing).toBe(true);
    expect(result.cause).toContain('Nothing was promoted, so us-east-1 is restored to serving.');
  });

  it('a validator that is not ready fails the run with its reasons, and the new writer stays active', async () => {
    const result = await run('validator-not-ready');
    expect(result.oldRegionServing).toBe(false);
    expect(result.path).not.toContain('RestoreOldRegion');
    expect(result.cause).toContain('stays active');
    expect(result.cause).toContain('ReplicationLatency 4200 ms above the 2000 ms threshold');
  });
});

describe('drill timings and RTO', () => {
  it('waits the full approval timeout before failing an unanswered approval', async () => {
    const result = await runScenario(SCENARIOS.find((s) => s.name === 'approval-timeout-prod')!, figures);
    const approval = result.timeline.find((t) => t.state === 'RequestApproval')!;
    expect(approval.seconds).toBeCloseTo(figures.approvalTimeoutSeconds + 0.2, 5);
    expect(result.rto).toBeUndefined();
  });

  it('charges the retry backoff of a throttled promotion (5 s, then 10 s)', async () => {
    const result = await runScenario(SCENARIOS.find((s) => s.name === 'promotion-throttled')!, figures);
    const promote = result.timeline.find((t) => t.state === 'Failover')!;
    expect(promote.notes).toEqual(['failed: Rds.RdsException', 'retry 1 after 5 s', 'failed: Rds.RdsException', 'retry 2 after 10 s']);
    expect(promote.seconds).toBeCloseTo(3 * 1.5 + 5 + 10, 5);
  });

  it('sums detection, orchestration, promotion and DNS for an automatic failover', async () => {
    const result = await runScenario(SCENARIOS.find((s) => s.name === 'automatic-failover')!, figures);
    const rto = result.rto!;
    expect(rto.detectionSeconds).toBe(60 * figures.probeFailureDatapoints);
    expect(rto.dnsSeconds).toBe(10 * figures.healthCheckFailureThreshold + 60);
    // The promotion is seen at the first poll after the documented 300 s.
    expect(rto.promotionSeconds).toBeGreaterThanOrEqual(300);
    expect(rto.promotionSeconds).toBeLessThan(300 + figures.pollIntervalSeconds + 1);
    expect(rto.totalSeconds).toBeCloseTo(rto.detectionSeconds + rto.orchestrationSeconds + rto.promotionSeconds + rto.dnsSeconds, 5);
    expect(formatResult(result)).toContain(`RTO estimate ${rto.totalSeconds.toFixed(1)} s`);
  });

  it('has no detection term for a planned switchover', () => {
    expect(estimateRto('planned', figures, 400, 300)).toMatchObject({ detectionSeconds: 0, orchestrationSeconds: 100, totalSeconds: 400 + 90 });
  });
});

describe('drill self-checks', () => {
  it('reports a scenario whose outcome differs from its expectation', async () => {
    const wrong: Scenario = { ...SCENARIOS[0]!, expect: { status: 'FAILED', error: 'PromotionTimedOut', avoids: ['Switchover'] } };
    const result = await runScenario(wrong, figures);
    expect(result.mismatches).toEqual(['status SUCCEEDED, expected FAILED', 'error none, expected PromotionTimedOut', 'entered Switchover, which it must not']);
    expect(formatResult(result)).toMatch(/^FAIL {2}planned-switchover/);
  });

  it('flags a call the simulation does not model instead of letting a catcher hide it', async () => {
    const world = new World(baselineWorld({ global_cluster_id: 'g', target_cluster_arn: 't' }), new Clock(), { fence: 'f', validator: 'v', probe: 'p' }, {});
    await expect(world.answer('Anything', 'arn:aws:states:::aws-sdk:route53:changeResourceRecordSets', {})).rejects.toThrow(/unsimulated/);
    expect(world.problems).toEqual(['Anything uses arn:aws:states:::aws-sdk:route53:changeResourceRecordSets, which the drill does not simulate.']);
  });

  it('flags a promotion aimed at the wrong cluster', async () => {
    const world = new World(baselineWorld({ global_cluster_id: 'trading-dev', target_cluster_arn: 'arn:target' }), new Clock(), { fence: 'f', validator: 'v', probe: 'p' }, {});
    await expect(
      world.answer('Failover', 'arn:aws:states:::aws-sdk:rds:failoverGlobalCluster', { GlobalClusterIdentifier: 'trading-dev-us-east-1', TargetDbClusterIdentifier: 'trading-dev-us-east-2', AllowDataLoss: true }),
    ).rejects.toThrow();
    expect(world.problems[0]).toMatch(/expected the global id and the target cluster ARN/);
  });
});

describe('drill figures', () => {
  it('reads the failover module defaults from variables.tf', () => {
    expect(figures).toMatchObject({
      healthCheckFailureThreshold: 3,
      requireApproval: true,
      approvalTimeoutSeconds: 1800,
      pollIntervalSeconds: 20,
      maxPollAttempts: 45,
      probeFailureDatapoints: 3,
    });
  });

  it('refuses a variables.tf without the literal default it needs', () => {
    expect(() => moduleDefaults('variable "poll_interval_seconds" {\n  type = number\n}\n')).toThrow(/declares no variable "health_check_failure_threshold"/);
  });

  it('computes the execution timeout Terraform renders', () => {
    // 246 preflight (with the failover's probe) + 180 authority + 180 fence + 360 promotion call +
    // 45 x (20 + 10) poll + 160 lease wait + 40 wait before validation + 480 activation; with approval,
    // the 10 s notice and the 1800 s wait.
    expect(executionTimeoutSeconds({ requireApproval: false, approvalTimeoutSeconds: 1800, pollIntervalSeconds: 20, maxPollAttempts: 45, healthCheckFailureThreshold: 3 })).toBe(2996);
    expect(executionTimeoutSeconds({ requireApproval: true, approvalTimeoutSeconds: 1800, pollIntervalSeconds: 20, maxPollAttempts: 45, healthCheckFailureThreshold: 3 })).toBe(4806);
  });

  it('explains how to get a plan when --env has none', () => {
    expect(() => planFigures('qa', join(repoRoot, 'build', 'plans', 'no-such-plan.json'))).toThrow(/run `make plan ENV=qa` first/);
  });
});

describe('drill CLI', () => {
  const drill = (args: string[]) => $({ cwd: repoRoot, nothrow: true, quiet: true })`npx tsx tooling/bin/drill.ts ${args}`;

  it('runs one scenario, prints its timeline and RTO estimate, and exits 0', async () => {
    const out = await drill(['--scenario', 'preflight-engine-mismatch']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('PASS  preflight-engine-mismatch');
    expect(out.stdout).toContain('EngineVersionMismatch');
    expect(out.stdout).toContain('1/1 scenarios behaved as expected.');
  });

  it('refuses an unknown scenario with one line and exit code 2', async () => {
    const out = await drill(['--scenario', 'nope']);
    expect(out.exitCode).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^drill: error: Unknown scenario "nope": choose one of planned-switchover, /);
  });
});
