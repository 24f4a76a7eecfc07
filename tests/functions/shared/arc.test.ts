// shared/arc.ts: the walk over the cluster endpoints, and the clients built for them.
import { GetRoutingControlStateCommand, Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { createArcClients, onFirstEndpoint, readRoutingControl } from '../../../functions/shared/arc.ts';
import { ARNS, ENDPOINTS, OWN, awsError, mockedArc, unreachable } from '../region-fence/fixtures.ts';

describe('readRoutingControl', () => {
  it('skips an endpoint that answers an unknown state', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand).resolves({});
    arc.stubs[1]!.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'On' });

    const outcome = await readRoutingControl(arc.clients, ARNS[OWN]);

    expect(outcome).toMatchObject({ ok: true, value: 'On', endpoint: ENDPOINTS[1]!.endpoint });
    expect(outcome.attempts[0]!.error).toMatch(/unknown state "undefined"/);
  });

  it.each(['ConflictException', 'ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ServiceLimitExceededException'])(
    'stops at %s, which every endpoint would repeat',
    async (name) => {
      const arc = mockedArc();
      arc.stubs[0]!.on(GetRoutingControlStateCommand).rejects(awsError(name, 'no'));
      arc.stubs[1]!.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'On' });

      const outcome = await readRoutingControl(arc.clients, ARNS[OWN]);

      expect(outcome).toEqual({ ok: false, definitive: true, error: `${name}: no`, attempts: [{ ...ENDPOINTS[0], error: `${name}: no` }] });
      expect(arc.stubs[1]).not.toHaveReceivedAnyCommand();
    },
  );

  it.each(['ThrottlingException', 'InternalServerException', 'EndpointTemporarilyUnavailableException'])('moves on after %s', async (name) => {
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand).rejects(awsError(name, 'later'));
    arc.stubs[1]!.on(GetRoutingControlStateCommand).rejects(unreachable());
    arc.stubs[2]!.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'Off' });

    const outcome = await readRoutingControl(arc.clients, ARNS[OWN]);

    expect(outcome).toMatchObject({ ok: true, value: 'Off', endpoint: ENDPOINTS[2]!.endpoint });
    expect(outcome.attempts).toHaveLength(3);
  });
});

describe('onFirstEndpoint', () => {
  it('fails without a call when no endpoint is configured', async () => {
    expect(await onFirstEndpoint([], async () => 1)).toEqual({ ok: false, attempts: [], error: 'no cluster endpoint is configured', definitive: false });
  });
});

describe('createArcClients', () => {
  it('builds one client per endpoint, in order, with the endpoint region and URL and a single attempt', async () => {
    const wrapped: Route53RecoveryClusterClient[] = [];
    const clients = createArcClients(ENDPOINTS, { wrap: (c) => (wrapped.push(c), c) });

    expect(clients.map(({ endpoint, region }) => ({ endpoint, region }))).toEqual(ENDPOINTS);
    expect(wrapped).toHaveLength(3);
    const config = (clients[1]!.client as Route53RecoveryClusterClient).config;
    expect(await config.region()).toBe('ap-northeast-1');
    expect((await config.endpoint!()).hostname).toBe('host-bbbbbb.ap-northeast-1.example.com');
    expect(await config.maxAttempts()).toBe(1);
  });
});
