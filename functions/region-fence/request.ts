// The payloads region-fence accepts, checked before anything is called. A malformed payload is the
// only thing that throws (FenceInputError, naming every problem at once); everything else is reported.
import { REGION_NAME } from '../shared/aws.ts';

export class FenceInputError extends Error {
  override name = 'FenceInputError';
}

export type FenceAction = 'fence' | 'restore';
export type RegionFenceAction = 'authorize' | 'fence' | 'restore' | 'sync' | 'initialize';

const ACTIONS: readonly RegionFenceAction[] = ['authorize', 'fence', 'restore', 'sync', 'initialize'];

interface Annotations {
  reason?: string;
  executionId?: string;
}

/** The local switches of one region: serving flag (with its lease) and API stage variable. */
export interface SwitchTargets {
  servingParameter: string;
  restApiId: string;
  stageName: string;
}

/** `fence` (the default action) of the peer region: stop accepting, drain, then stop committing. */
export interface FenceRequest extends SwitchTargets, Annotations {
  action: 'fence';
  region: string;
  /** The peer's trade-orders queue, drained between the API and the serving flag. */
  queueUrl: string;
}

/** `restore` of the peer region, only while its cluster is the writer with no switchover or failover running. */
export interface RestoreRequest extends SwitchTargets, Annotations {
  action: 'restore';
  region: string;
  globalClusterId: string;
  /** The peer's cluster, as it appears in GlobalClusterMembers[].DBClusterArn. */
  peerClusterArn: string;
  /**
   * The recovery's own promotion was accepted but the peer is still the writer after the poll bound:
   * that operation may stay "in progress" for ever, so it does not block the restore (the peer being
   * the writer still does).
   */
  ownPromotionTimedOut: boolean;
}

/** Make `region` (own or peer) the active one on the authority. */
export interface AuthorizeRequest extends Annotations {
  action: 'authorize';
  region: string;
}

/** The watchdog of a recovery that cannot end (actions/reclaim.ts); only the per-minute sync sets it. */
export interface ReclaimSettings {
  /** The state machine's execution timeout: after it, no recovery that fenced this region still runs. */
  afterSeconds: number;
  peerRegion: string;
  peerServingParameter: string;
  /** The peer's serving-flag lease (its regional stack's serving_lease_seconds). */
  peerLeaseSeconds: number;
}

/** Make this region's local mirror agree with the authority. */
export interface SyncRequest extends SwitchTargets, Annotations {
  action: 'sync';
  region: string;
  globalClusterId: string;
  /** This region's cluster, as it appears in GlobalClusterMembers[].DBClusterArn. */
  clusterArn: string;
  /** Absent: no watchdog (the state machine's activation sync). */
  reclaim?: ReclaimSettings;
}

/** First apply only: if no region is On, make `region` the active one. */
export interface InitializeRequest extends Annotations {
  action: 'initialize';
  region: string;
}

export type RegionFenceRequest = AuthorizeRequest | FenceRequest | RestoreRequest | SyncRequest | InitializeRequest;

/** The two regions of the pair, from the function's configuration. */
export interface PairRegions {
  /** The function's own region (AWS_REGION). */
  region: string;
  peerRegion: string;
}

const RDS_CLUSTER_ARN = /^arn:aws[a-z-]*:rds:([a-z0-9-]+):\d{12}:cluster:[A-Za-z0-9-]+$/;
/** https://sqs.<region>.amazonaws.com/<account>/<name>, as aws_sqs_queue.url gives it. */
const SQS_QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/\d{12}\/[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/;
const REST_API_ID = /^[a-z0-9]{10}$/;
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Checks any region-fence payload against the pair: `sync` targets the own region only, `fence` and
 * `restore` the peer only, `authorize` and `initialize` either. A payload without an action is a fence.
 */
export function parseRegionFenceRequest(event: unknown, pair: PairRegions): RegionFenceRequest {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new FenceInputError('Region-fence request must be an object {action, region, ...}.');
  }
  const e = event as Record<string, unknown>;
  const problems: string[] = [];
  const str = (key: string) => (typeof e[key] === 'string' ? (e[key] as string).trim() : '');

  const action = e.action === undefined ? 'fence' : e.action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw new FenceInputError(`Invalid region-fence request: action must be one of ${ACTIONS.map((a) => `"${a}"`).join(', ')} when given.`);
  }
  const act = action as RegionFenceAction;

  const region = str('region');
  const allowed = act === 'sync' ? [pair.region] : act === 'fence' || act === 'restore' ? [pair.peerRegion] : [pair.region, pair.peerRegion];
  if (!REGION_NAME.test(region)) problems.push('region must be an AWS region name such as us-east-1');
  else if (!allowed.includes(region)) {
    const which = allowed.length === 1 ? `region must be ${allowed[0]}, the only region this function ${act === 'sync' ? 'syncs' : 'fences'}` : `region must be ${allowed.join(' or ')}`;
    problems.push(`${which} (got ${region})`);
  }

  if (act === 'fence' || act === 'restore' || act === 'sync') {
    if (!str('servingParameter').startsWith('/')) problems.push('servingParameter must be an SSM parameter name starting with /');
    if (!REST_API_ID.test(str('restApiId'))) problems.push('restApiId must be the 10-character id of the REST API');
    if (!STAGE_NAME.test(str('stageName'))) problems.push('stageName must name the API stage (letters, digits, - and _)');
  }
  if (act === 'fence') {
    const m = SQS_QUEUE_URL.exec(str('queueUrl'));
    if (!m) problems.push("queueUrl must be the peer's trade-orders queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)");
    else if (REGION_NAME.test(region) && m[1] !== region) problems.push(`queueUrl must be a queue in ${region}, the region fenced (got one in ${m[1]})`);
  }
  if (act === 'sync' || act === 'restore') {
    if (!str('globalClusterId')) problems.push('globalClusterId must name the Aurora global cluster');
  }
  if (act === 'sync' && !RDS_CLUSTER_ARN.test(str('clusterArn'))) {
    problems.push("clusterArn must be this region's Aurora cluster ARN (arn:aws:rds:<region>:<account>:cluster:<id>)");
  }
  let reclaim: ReclaimSettings | undefined;
  if (act === 'sync' && e.reclaim !== undefined) {
    const r = e.reclaim;
    const ok = r !== null && typeof r === 'object' && !Array.isArray(r);
    const w = (ok ? r : {}) as Record<string, unknown>;
    const whole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
    if (!ok) problems.push('reclaim must be an object {afterSeconds, peerServingParameter, peerLeaseSeconds} when given');
    else {
      if (!whole(w.afterSeconds, 600)) problems.push('reclaim.afterSeconds must be a whole number of seconds, at least 600 (the state machine\'s execution timeout)');
      if (typeof w.peerServingParameter !== 'string' || !w.peerServingParameter.startsWith('/')) problems.push("reclaim.peerServingParameter must be the peer's serving flag (an SSM parameter name starting with /)");
      if (!whole(w.peerLeaseSeconds, 1)) problems.push("reclaim.peerLeaseSeconds must be the peer's serving-flag lease in whole seconds");
      if (!problems.length) {
        reclaim = { afterSeconds: w.afterSeconds as number, peerRegion: pair.peerRegion, peerServingParameter: w.peerServingParameter as string, peerLeaseSeconds: w.peerLeaseSeconds as number };
      }
    }
  }
  if (act === 'restore') {
    if (e.ownPromotionTimedOut !== undefined && typeof e.ownPromotionTimedOut !== 'boolean') problems.push('ownPromotionTimedOut must be true or false when given');
    const m = RDS_CLUSTER_ARN.exec(str('peerClusterArn'));
    if (!m) problems.push("peerClusterArn must be the restored region's Aurora cluster ARN (arn:aws:rds:<region>:<account>:cluster:<id>)");
    else if (REGION_NAME.test(region) && m[1] !== region) problems.push(`peerClusterArn must be a cluster in ${region}, the region restored (got one in ${m[1]})`);
  }
  for (const key of ['reason', 'executionId']) {
    if (e[key] !== undefined && typeof e[key] !== 'string') problems.push(`${key} must be a string when given`);
  }
  if (problems.length) throw new FenceInputError(`Invalid ${act} request: ${problems.join('; ')}.`);

  const annotations: Annotations = {
    ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
    ...(typeof e.executionId === 'string' ? { executionId: e.executionId } : {}),
  };
  if (act === 'authorize' || act === 'initialize') return { action: act, region, ...annotations };
  const targets: SwitchTargets = {
    servingParameter: str('servingParameter'),
    restApiId: str('restApiId'),
    stageName: str('stageName'),
  };
  // Fields an action does not use (the state machine sends fence and restore the same payload) are
  // left out of the request.
  if (act === 'sync') return { action: act, region, ...targets, globalClusterId: str('globalClusterId'), clusterArn: str('clusterArn'), ...(reclaim ? { reclaim } : {}), ...annotations };
  if (act === 'restore') {
    return { action: act, region, ...targets, globalClusterId: str('globalClusterId'), peerClusterArn: str('peerClusterArn'), ownPromotionTimedOut: e.ownPromotionTimedOut === true, ...annotations };
  }
  return { action: act, region, ...targets, queueUrl: str('queueUrl'), ...annotations };
}

/** A `fence` or `restore` payload for the peer region (what the state machine's fence steps send). */
export function parseFenceRequest(event: unknown, peerRegion: string): FenceRequest | RestoreRequest {
  const action = event !== null && typeof event === 'object' && !Array.isArray(event) ? (event as { action?: unknown }).action : undefined;
  if (action !== undefined && action !== 'fence' && action !== 'restore') {
    throw new FenceInputError('Invalid fence request: action must be "fence" or "restore" when given.');
  }
  // The own region only matters for authorize, initialize and sync, which this parser never accepts.
  return parseRegionFenceRequest(event, { region: peerRegion, peerRegion }) as FenceRequest | RestoreRequest;
}
