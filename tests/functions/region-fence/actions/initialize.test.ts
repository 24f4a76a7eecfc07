// initialize: first apply only; sets the primary On when no control is On, and is idempotent.
import { GetRoutingControlStateCommand, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { initializeAuthority } from '../../../../functions/region-fence/core.ts';
import { ARNS, OWN, PEER, authorityOf, mockedArc, unreachable } from '../fixtures.ts';

describe('initializeAuthority', () => {
  it('sets the region On and the other Off when both controls are Off', async () => {
    // Prepare
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand).resolves({ RoutingControlState: 'Off' });
    arc.stubs[0]!.on(UpdateRoutingControlStatesCommand).resolves({});

    // Act
    const result = await initializeAuthority({ region: PEER }, authorityOf(arc));

    // Assess
    expect(result).toEqual({ action: 'initialize', region: PEER, changed: true, states: { [PEER]: 'On', [OWN]: 'Off' } });
    expect(arc.stubs[0]).toHaveReceivedCommandWith(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[PEER] });
    expect(arc.stubs[0]).toHaveReceivedCommandWith(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] });
    expect(arc.stubs[0]).toHaveReceivedCommandWith(UpdateRoutingControlStatesCommand, {
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: ARNS[PEER], RoutingControlState: 'On' },
        { RoutingControlArn: ARNS[OWN], RoutingControlState: 'Off' },
      ],
    });
  });

  it('changes nothing when a control is already On, even the other region', async () => {
    // Prepare: the authority is in use, with the other region active.
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[PEER] }).resolves({ RoutingControlState: 'Off' });
    arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).resolves({ RoutingControlState: 'On' });

    // Act
    const result = await initializeAuthority({ region: PEER }, authorityOf(arc));

    // Assess
    expect(result).toEqual({ action: 'initialize', region: PEER, changed: false, states: { [PEER]: 'Off', [OWN]: 'On' } });
    expect(arc.stubs[0]).not.toHaveReceivedCommand(UpdateRoutingControlStatesCommand);
  });

  it('changes nothing when a control cannot be read on any endpoint', async () => {
    const arc = mockedArc();
    arc.stubs[0]!.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[PEER] }).resolves({ RoutingControlState: 'Off' });
    for (const stub of arc.stubs) stub.on(GetRoutingControlStateCommand, { RoutingControlArn: ARNS[OWN] }).rejects(unreachable());

    const result = await initializeAuthority({ region: PEER }, authorityOf(arc));

    expect(result.changed).toBe(false);
    expect(result.states).toEqual({ [PEER]: 'Off' });
    expect(result.error).toMatch(/^the routing controls could not be read, nothing changed: no cluster endpoint answered \(3 tried/);
    for (const stub of arc.stubs) expect(stub).not.toHaveReceivedCommand(UpdateRoutingControlStatesCommand);
  });
});
