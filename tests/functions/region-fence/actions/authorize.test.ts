// authorize: one atomic UpdateRoutingControlStates, trying the cluster endpoints in order.
import { UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { authorizeRegion } from '../../../../functions/region-fence/core.ts';
import { ARNS, ENDPOINTS, OWN, PEER, authorityOf, awsError, mockedArc, unreachable } from '../fixtures.ts';

describe('authorizeRegion', () => {
  it('sets the requested region On and the other Off in one batch on the first endpoint', async () => {
    // Prepare
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});

    // Act
    const result = await authorizeRegion({ region: OWN }, authorityOf(arc));

    // Assess
    expect(result).toEqual({ action: 'authorize', region: OWN, authorized: true, endpoint: ENDPOINTS[0]!.endpoint, attempts: [ENDPOINTS[0]] });
    expect(arc.stubs[0]).toHaveReceivedCommandTimes(UpdateRoutingControlStatesCommand, 1);
    expect(arc.stubs[0]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, {
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: ARNS[OWN], RoutingControlState: 'On' },
        { RoutingControlArn: ARNS[PEER], RoutingControlState: 'Off' },
      ],
    });
    expect(arc.stubs[1]).not.toHaveReceivedAnyCommand();
  });

  it('tries the next endpoint when the first does not answer', async () => {
    // Prepare
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).rejects(unreachable());
    arc.stubs[1]!.on(UpdateRoutingControlStatesCommand).resolves({});

    // Act
    const result = await authorizeRegion({ region: PEER }, authorityOf(arc));

    // Assess
    expect(result).toEqual({
      action: 'authorize',
      region: PEER,
      authorized: true,
      endpoint: ENDPOINTS[1]!.endpoint,
      attempts: [{ ...ENDPOINTS[0], error: 'TimeoutError: connect ETIMEDOUT 3.5.0.1:443' }, ENDPOINTS[1]],
    });
    expect(arc.stubs[1]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, {
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: ARNS[PEER], RoutingControlState: 'On' },
        { RoutingControlArn: ARNS[OWN], RoutingControlState: 'Off' },
      ],
    });
    expect(arc.stubs[2]).not.toHaveReceivedAnyCommand();
  });

  it('is not authorized when no endpoint answers, and lists every attempt', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).rejects(unreachable());
    arc.stubs[1]!.on(UpdateRoutingControlStatesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    arc.stubs[2]!.on(UpdateRoutingControlStatesCommand).rejects(awsError('EndpointTemporarilyUnavailableException', 'try another endpoint'));

    const result = await authorizeRegion({ region: OWN }, authorityOf(arc));

    expect(result.authorized).toBe(false);
    expect(result.endpoint).toBeUndefined();
    expect(result.attempts.map((a) => a.error)).toEqual([
      'TimeoutError: connect ETIMEDOUT 3.5.0.1:443',
      'ThrottlingException: Rate exceeded',
      'EndpointTemporarilyUnavailableException: try another endpoint',
    ]);
    expect(result.error).toBe('no cluster endpoint answered (3 tried; last: EndpointTemporarilyUnavailableException: try another endpoint)');
  });

  it('stops at a safety rule refusal: every endpoint would refuse the same change', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).rejects(awsError('ConflictException', 'the change violates an assertion rule'));
    arc.stubs[1]!.on(UpdateRoutingControlStatesCommand).resolves({});

    const result = await authorizeRegion({ region: OWN }, authorityOf(arc));

    expect(result).toEqual({
      action: 'authorize',
      region: OWN,
      authorized: false,
      attempts: [{ ...ENDPOINTS[0], error: 'ConflictException: the change violates an assertion rule' }],
      error: 'ConflictException: the change violates an assertion rule',
    });
    expect(arc.stubs[1]).not.toHaveReceivedAnyCommand();
  });

  it('is not authorized, without calling ARC, for a region with no routing control', async () => {
    const arc = mockedArc();

    const result = await authorizeRegion({ region: 'eu-west-1' }, authorityOf(arc));

    expect(result).toMatchObject({ authorized: false, attempts: [], error: 'no routing control pair configured for eu-west-1 (configured: us-east-2, us-east-1)' });
    expect(arc.stubs[0]).not.toHaveReceivedAnyCommand();
  });
});
