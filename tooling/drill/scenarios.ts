// The drill scenarios: each one is a world (what AWS answers), an input and the outcome the state
// machine must reach. All of them recover into the secondary region (us-east-2), the state machine
// that must survive the primary's loss.
import { SFN_ERRORS } from './aws-errors.ts';
import type { Scenario } from './run.ts';

const target = 'us-east-2';

export const SCENARIOS: Scenario[] = [
  {
    name: 'planned-switchover',
    title: 'Planned switchover, both regions healthy (drill or maintenance; RPO 0)',
    trigger: 'planned',
    input: { mode: 'switchover', targetRegion: target, reason: 'quarterly DR drill' },
    figures: { requireApproval: false },
    expect: { status: 'SUCCEEDED', visits: ['Authorize', 'FenceOldRegion', 'Switchover', 'Activate', 'WaitForHealthCheck', 'RunValidator', 'NotifySuccess'], avoids: ['Failover', 'RecordFenceFailure'], oldRegionServing: false },
  },
  {
    name: 'switchover-fence-fails',
    title: 'Planned switchover whose fence reports the old region unreachable: it fails closed before the promotion, and the old region keeps serving',
    trigger: 'planned',
    input: { mode: 'switchover', targetRegion: target, reason: 'quarterly DR drill' },
    figures: { requireApproval: false },
    world: { fence: 'unreachable-reported' },
    expect: { status: 'FAILED', error: 'FenceFailed', visits: ['FenceFailed', 'RestoreOldRegion', 'NotifyFailure'], avoids: ['Switchover', 'Activate'], oldRegionServing: true },
  },
  {
    name: 'switchover-fence-times-out',
    title: 'Planned switchover whose fence invocation times out: it fails closed before the promotion',
    trigger: 'planned',
    input: { mode: 'switchover', targetRegion: target, reason: 'quarterly DR drill' },
    figures: { requireApproval: false },
    world: { fence: 'invocation-timeout' },
    expect: { status: 'FAILED', error: 'FenceFailed', visits: ['RecordFenceFailure', 'FenceFailed', 'RestoreOldRegion', 'RestoreFailed', 'NotifyFailure'], avoids: ['Switchover'], oldRegionServing: true },
  },
  {
    name: 'authority-not-changed',
    title: 'Failover whose authorize no ARC endpoint accepts: it stops before anything is fenced or promoted, and the old region keeps serving',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: false },
    world: { authority: 'refused' },
    expect: { status: 'FAILED', error: 'AuthorityNotChanged', visits: ['Authorize', 'AuthorityRefused', 'NotifyFailure'], avoids: ['FenceOldRegion', 'Failover', 'RestoreOldRegion'], oldRegionServing: true },
  },
  {
    name: 'switchover-refused-undone',
    title: 'Planned switchover fenced, then refused by RDS: nothing is promoted, so the fence is undone and the old region serves again',
    trigger: 'planned',
    input: { mode: 'switchover', targetRegion: target, reason: 'quarterly DR drill' },
    figures: { requireApproval: false },
    world: { promotionErrors: [{ name: SFN_ERRORS.rdsInvalidGlobalClusterState, message: 'The global cluster is not in a valid state.' }, { name: SFN_ERRORS.rdsInvalidGlobalClusterState, message: 'The global cluster is not in a valid state.' }, { name: SFN_ERRORS.rdsInvalidGlobalClusterState, message: 'The global cluster is not in a valid state.' }, { name: SFN_ERRORS.rdsInvalidGlobalClusterState, message: 'The global cluster is not in a valid state.' }, { name: SFN_ERRORS.rdsInvalidGlobalClusterState, message: 'The global cluster is not in a valid state.' }] },
    expect: { status: 'FAILED', error: SFN_ERRORS.rdsInvalidGlobalClusterState, visits: ['PromotionFailed', 'RestoreOldRegion', 'NotifyFailure'], avoids: ['StartPolling', 'RestoreIncomplete'], oldRegionServing: true },
  },
  {
    name: 'validator-not-ready',
    title: 'Failover completes but the validator says the new region is not ready: the run fails with its reasons and the new writer stays active',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: false },
    world: { validator: 'not-ready' },
    expect: { status: 'FAILED', error: 'NotReady', visits: ['RunValidator', 'NotReady', 'NotifyFailure'], avoids: ['NotifySuccess', 'RestoreOldRegion'], oldRegionServing: false },
  },
  {
    name: 'failover-old-region-unreachable',
    title: 'Unplanned failover, primary region unreachable: the fence fails, is caught, and the failover goes on',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: false },
    world: { fence: 'invocation-timeout', globalStatus: 'failing', rpoLagMs: [4200, 1100, 900] },
    expect: { status: 'SUCCEEDED', visits: ['FenceOldRegion', 'RecordFenceFailure', 'Failover', 'NotifySuccess'], avoids: ['Switchover'] },
  },
  {
    name: 'automatic-failover',
    title: 'Automatic failover: the canary alarm starts it; the fence reports the old region unreachable',
    trigger: 'automatic',
    input: { mode: 'failover', targetRegion: target, reason: 'automatic: us-east-1 /health failed from us-east-2 for 3 consecutive minutes', trigger: 'alarm' },
    figures: { requireApproval: false },
    world: { fence: 'unreachable-reported', globalStatus: 'failing' },
    expect: { status: 'SUCCEEDED', visits: ['Failover', 'NotifySuccess'], avoids: ['RecordFenceFailure', 'RequestApproval'] },
  },
  {
    name: 'promotion-throttled',
    title: 'Failover whose promotion call is throttled twice, then accepted (Retry)',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: false },
    world: {
      promotionErrors: [
        { name: SFN_ERRORS.rdsGeneric, message: 'Rate exceeded' },
        { name: SFN_ERRORS.rdsGeneric, message: 'Rate exceeded' },
      ],
    },
    expect: { status: 'SUCCEEDED', visits: ['Failover', 'NotifySuccess'], avoids: ['PromotionFailed'] },
  },
  {
    name: 'promotion-never-completes',
    // The run's own promotion timed out with the old region still the writer: its pending operation
    // does not block the restore (ownPromotionTimedOut), so the authority and the old region's
    // switches go back to it and it serves again.
    title: 'Failover accepted but the target never becomes the writer: the poll bound stops it and the old region, still the writer, is restored',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: false },
    world: { promotionSeconds: null },
    expect: { status: 'FAILED', error: 'PromotionTimedOut', visits: ['PromotionTimedOut', 'OldRegionStillWriter', 'MarkOwnPromotionTimedOut', 'RestoreOldRegion', 'NotifyFailure'], avoids: ['Activate', 'RestoreIncomplete'], oldRegionServing: true },
  },
  {
    name: 'preflight-target-not-member',
    title: 'Preflight rejects a target cluster that is not a member of the global cluster',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: false },
    world: { targetIsMember: false },
    expect: { status: 'FAILED', error: 'TargetNotMember', visits: ['NotifyFailure'], avoids: ['FenceOldRegion', 'Failover'] },
  },
  {
    name: 'preflight-engine-mismatch',
    title: 'Preflight rejects a target whose engine version differs from the global cluster',
    trigger: 'planned',
    input: { mode: 'switchover', targetRegion: target, reason: 'quarterly DR drill' },
    figures: { requireApproval: false },
    world: { targetEngineVersion: '16.4' },
    expect: { status: 'FAILED', error: 'EngineVersionMismatch', visits: ['NotifyFailure'], avoids: ['FenceOldRegion', 'Switchover'] },
  },
  {
    name: 'preflight-already-writer',
    title: 'A second failover after the secondary already took over is refused, not re-run',
    trigger: 'automatic',
    input: { mode: 'failover', targetRegion: target, reason: 'automatic: alarm flapped', trigger: 'alarm' },
    figures: { requireApproval: false },
    world: { targetIsWriter: true },
    expect: { status: 'FAILED', error: 'TargetAlreadyWriter', avoids: ['FenceOldRegion', 'Failover'] },
  },
  {
    name: 'approval-granted-prod',
    title: 'prod: failover waits for approval; the approver answers after 4 minutes',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: true },
    world: { approval: { afterSeconds: 240, decision: 'approve' } },
    expect: { status: 'SUCCEEDED', visits: ['RequestApproval', 'Failover', 'NotifySuccess'] },
  },
  {
    name: 'approval-timeout-prod',
    title: 'prod: nobody approves within the timeout; nothing is changed',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 outage' },
    figures: { requireApproval: true },
    world: { approval: { afterSeconds: null, decision: 'approve' } },
    expect: { status: 'FAILED', error: 'ApprovalTimedOut', visits: ['RequestApproval', 'ApprovalTimedOut', 'NotifyFailure'], avoids: ['FenceOldRegion', 'Failover'] },
  },
  {
    name: 'failover-refused-primary-healthy',
    title: 'A manual data-loss failover while the primary is seen healthy is refused in preflight; nothing is changed',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 looks slow' },
    figures: { requireApproval: false },
    world: { peerHealth: 'healthy' },
    expect: { status: 'FAILED', error: 'PrimaryHealthy', visits: ['AssessPeerHealth', 'PrimaryHealthy', 'NotifyFailure'], avoids: ['Authorize', 'FenceOldRegion', 'Failover'] },
  },
  {
    name: 'failover-forced-primary-healthy',
    title: 'The same failover forced with a reason proceeds, and the override is recorded',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: target, reason: 'us-east-1 corrupts orders', force: true, forceReason: 'us-east-1 answers but writes bad data' },
    figures: { requireApproval: false },
    world: { peerHealth: 'healthy' },
    expect: { status: 'SUCCEEDED', visits: ['AssessPeerHealth', 'RecordForce', 'Failover', 'NotifySuccess'], avoids: ['PrimaryHealthy'] },
  },
  {
    name: 'automatic-failover-primary-health-unknown',
    title: "Automatic failover when the primary's health cannot be told now: refused (a manual start would go on)",
    trigger: 'automatic',
    input: { mode: 'failover', targetRegion: target, reason: 'automatic: alarm', trigger: 'alarm' },
    figures: { requireApproval: false },
    world: { peerHealth: 'unknown' },
    expect: { status: 'FAILED', error: 'PrimaryHealthUnknown', visits: ['AssessPeerHealth', 'PrimaryHealthUnknown', 'NotifyFailure'], avoids: ['Authorize', 'Failover'] },
  },
  {
    name: 'automatic-failover-cannot-be-forced',
    title: 'An alarm start that asks for force is refused as invalid input before any preflight',
    trigger: 'automatic',
    input: { mode: 'failover', targetRegion: target, reason: 'automatic: alarm', trigger: 'alarm', force: true, forceReason: 'x' },
    figures: { requireApproval: false },
    expect: { status: 'FAILED', error: 'InvalidInput', visits: ['RejectForce', 'NotifyFailure'], avoids: ['DescribeGlobalCluster'] },
  },
  {
    name: 'input-wrong-region',
    title: 'A request to activate the other region is refused by this region\'s state machine',
    trigger: 'manual',
    input: { mode: 'failover', targetRegion: 'us-east-1', reason: 'typo' },
    figures: { requireApproval: false },
    expect: { status: 'FAILED', error: 'InvalidInput', visits: ['RejectInput', 'NotifyFailure'], avoids: ['DescribeGlobalCluster'] },
  },
];

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
