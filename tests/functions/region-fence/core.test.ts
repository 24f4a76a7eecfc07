// region-fence: parsing of every action's payload. Only a malformed request may throw; the actions
// themselves are tested one per file in actions/.
import { describe, expect, it } from 'vitest';
import { FenceInputError, parseFenceRequest, parseRegionFenceRequest } from '../../../functions/region-fence/core.ts';
import { OWN, PEER, fenceRequest as request, restoreRequest, syncRequest } from './fixtures.ts';

const pair = { region: OWN, peerRegion: PEER };

describe('parseRegionFenceRequest', () => {
  it('accepts a fence of the peer and keeps the optional fields', () => {
    expect(parseRegionFenceRequest({ ...request, region: ` ${PEER} ` }, pair)).toEqual(request);
  });

  it('fences when no action is given', () => {
    const { action: _action, ...bare } = request;
    expect(parseRegionFenceRequest(bare, pair).action).toBe('fence');
  });

  it.each([
    ['authorize', OWN],
    ['authorize', PEER],
    ['initialize', OWN],
    ['initialize', PEER],
  ])('accepts %s of %s with only the region', (action, region) => {
    expect(parseRegionFenceRequest({ action, region, reason: 'r' }, pair)).toEqual({ action, region, reason: 'r' });
  });

  it('accepts a sync of the own region with its cluster', () => {
    expect(parseRegionFenceRequest(syncRequest, pair)).toEqual(syncRequest);
  });

  it('accepts a restore of the peer with the cluster to check', () => {
    expect(parseRegionFenceRequest(restoreRequest, pair)).toEqual(restoreRequest);
  });

  it('keeps only what each action uses from the payload the state machine sends both fence and restore', () => {
    // Prepare: the state machine's FenceOldRegion and RestoreOldRegion send the same fields.
    const shared = { ...request, globalClusterId: restoreRequest.globalClusterId, peerClusterArn: restoreRequest.peerClusterArn, functionName: 'old-field' };

    // Act
    const fence = parseRegionFenceRequest(shared, pair);
    const restore = parseRegionFenceRequest({ ...shared, action: 'restore' }, pair);

    // Assess
    expect(fence).toEqual(request);
    expect(restore).toEqual(restoreRequest);
  });

  it.each([
    ['not an object', 'fence', /must be an object/],
    ['an array', [request], /must be an object/],
    ['an unknown action', { ...request, action: 'unfence' }, /action must be one of "authorize", "fence", "restore", "sync", "initialize"/],
    ['a fence of the own region', { ...request, region: OWN }, /region must be us-east-1, the only region this function fences \(got us-east-2\)/],
    ['a restore of the own region', { ...request, action: 'restore', region: OWN }, /region must be us-east-1/],
    ['a sync of the peer', { ...syncRequest, region: PEER }, /region must be us-east-2, the only region this function syncs \(got us-east-1\)/],
    ['an authorize of a third region', { action: 'authorize', region: 'eu-west-1' }, /region must be us-east-2 or us-east-1 \(got eu-west-1\)/],
    ['a malformed region', { ...request, region: 'useast1' }, /region must be an AWS region name/],
    ['a relative parameter name', { ...request, servingParameter: 'trading/dev/serving' }, /servingParameter must be an SSM parameter name/],
    ['a fence without the queue to drain', { ...request, queueUrl: undefined }, /queueUrl must be the peer's trade-orders queue URL/],
    ['a fence that would drain the own queue', { ...request, queueUrl: 'https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-trade-orders' }, /queueUrl must be a queue in us-east-1, the region fenced \(got one in us-east-2\)/],
    ['a restore without the peer cluster', { ...restoreRequest, peerClusterArn: 'trading-dev-us-east-1' }, /peerClusterArn must be the restored region's Aurora cluster ARN/],
    ['a restore naming the own cluster', { ...restoreRequest, peerClusterArn: syncRequest.clusterArn }, /peerClusterArn must be a cluster in us-east-1, the region restored \(got one in us-east-2\)/],
    ['a restore without the global cluster', { ...restoreRequest, globalClusterId: ' ' }, /globalClusterId must name/],
    ['a fence without the API', { ...request, restApiId: undefined }, /restApiId must be the 10-character id/],
    ['a bad stage name', { ...request, stageName: 'v 1' }, /stageName must name the API stage/],
    ['a sync without its cluster ARN', { ...syncRequest, clusterArn: 'trading-dev-us-east-2' }, /clusterArn must be this region's Aurora cluster ARN/],
    ['a sync without the global cluster', { ...syncRequest, globalClusterId: '' }, /globalClusterId must name/],
    ['a non-string reason', { ...request, reason: 42 }, /reason must be a string/],
  ])('refuses %s with one message', (_name, event, message) => {
    expect(() => parseRegionFenceRequest(event, pair)).toThrow(FenceInputError);
    expect(() => parseRegionFenceRequest(event, pair)).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => parseRegionFenceRequest({ region: 'eu-west-1', servingParameter: 'x' }, pair)).toThrow(
      /^Invalid fence request: region must be us-east-1.*; servingParameter must .*; restApiId must .*; stageName must .*; queueUrl must .*\.$/,
    );
  });
});

describe('parseFenceRequest', () => {
  it('accepts fence and restore of the peer', () => {
    expect(parseFenceRequest(request, PEER)).toEqual(request);
    expect(parseFenceRequest(restoreRequest, PEER)).toEqual(restoreRequest);
  });

  it('refuses the actions that are not a fence', () => {
    expect(() => parseFenceRequest({ action: 'authorize', region: PEER }, PEER)).toThrow(/action must be "fence" or "restore"/);
    expect(() => parseFenceRequest({ ...syncRequest, region: PEER }, PEER)).toThrow(FenceInputError);
  });
});
