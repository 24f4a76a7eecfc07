// The authority as the drill models it: ARC's safety rules, its endpoints outside both regions, the
// API refusing orders where the authority's mirror says inactive, and Route 53's failover records
// and view records.
import { GetRoutingControlStateCommand, UpdateRoutingControlStateCommand, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { describe, expect, it } from 'vitest';
import { readRoutingControl, updateRoutingControls } from '../../../../functions/shared/arc.ts';
import { RecoveryCluster, clusterEndpoints } from '../../../../tooling/drill/lifecycle/arc.ts';
import { postTrade } from '../../../../tooling/drill/lifecycle/api.ts';
import { arcClient, arcClients, resolveTxtFor } from '../../../../tooling/drill/lifecycle/aws.ts';
import { lifecycleFigures } from '../../../../tooling/drill/lifecycle/figures.ts';
import { World } from '../../../../tooling/drill/lifecycle/world.ts';

const A = 'us-east-1';
const B = 'us-east-2';

async function world(): Promise<World> {
  return new World(await lifecycleFigures(null));
}

const entries = (w: World, states: Record<string, 'On' | 'Off'>) =>
  Object.entries(states).map(([r, s]) => ({ RoutingControlArn: w.names.routingControlArn(r), RoutingControlState: s }));

describe('ARC cluster', () => {
  it('has five endpoints, none in either platform region', () => {
    const endpoints = clusterEndpoints([A, B]);
    expect(endpoints).toHaveLength(5);
    expect(endpoints.map((e) => e.region)).not.toContain(A);
    expect(endpoints.map((e) => e.region)).not.toContain(B);
    expect(new Set(endpoints.map((e) => e.region)).size).toBe(5);
  });

  it('starts with the primary On and the secondary Off', async () => {
    const w = await world();
    expect(w.arc.snapshot()).toEqual({ [A]: 'On', [B]: 'Off' });
  });

  it('evaluates the two assertion rules: exactly one On is the only allowed state', () => {
    expect(RecoveryCluster.broken(['On', 'Off']).map((r) => r.name)).toEqual([]);
    expect(RecoveryCluster.broken(['Off', 'On']).map((r) => r.name)).toEqual([]);
    expect(RecoveryCluster.broken(['On', 'On']).map((r) => r.name)).toEqual(['not-both-regions-on']);
    expect(RecoveryCluster.broken(['Off', 'Off']).map((r) => r.name)).toEqual(['at-least-one-region-on']);
  });
});

describe('route53-recovery-cluster data plane', () => {
  it('moves the authority in one atomic batch', async () => {
    const w = await world();
    const c = arcClient(w, B, w.arc.endpoints[0]!);
    await c.send(new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: entries(w, { [A]: 'Off', [B]: 'On' }) }));
    expect(w.arc.snapshot()).toEqual({ [A]: 'Off', [B]: 'On' });
    const out = (await c.send(new GetRoutingControlStateCommand({ RoutingControlArn: w.names.routingControlArn(B) }))) as { RoutingControlState: string };
    expect(out.RoutingControlState).toBe('On');
  });

  it('refuses a batch that would leave both regions On with ConflictException, and changes nothing', async () => {
    const w = await world();
    const c = arcClient(w, B, w.arc.endpoints[0]!);
    await expect(c.send(new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: entries(w, { [A]: 'On', [B]: 'On' }) }))).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(c.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: w.names.routingControlArn(B), RoutingControlState: 'On' }))).rejects.toMatchObject({ name: 'ConflictException' });
    expect(w.arc.snapshot()).toEqual({ [A]: 'On', [B]: 'Off' });
  });

  it('refuses a batch that would leave no region On with ConflictException, and changes nothing', async () => {
    const w = await world();
    const c = arcClient(w, A, w.arc.endpoints[2]!);
    await expect(c.send(new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: entries(w, { [A]: 'Off', [B]: 'Off' }) }))).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(c.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: w.names.routingControlArn(A), RoutingControlState: 'Off' }))).rejects.toMatchObject({ name: 'ConflictException' });
    expect(w.arc.snapshot()).toEqual({ [A]: 'On', [B]: 'Off' });
  });

  it('answers from the secondary while the primary region is down or partitioned away', async () => {
    const w = await world();
    w.regions[A]!.up = false;
    w.partitioned = true;
    const out = await readRoutingControl(arcClients(w, B) as never, w.names.routingControlArn(A));
    expect(out).toMatchObject({ ok: true, value: 'On', endpoint: w.arc.endpoints[0]!.endpoint });
  });

  it('gives no answer to code in a region that is down', async () => {
    const w = await world();
    w.regions[A]!.up = false;
    const out = await readRoutingControl(arcClients(w, A) as never, w.names.routingControlArn(A));
    expect(out.ok).toBe(false);
  });

  it('falls back to the next endpoint when the first ones do not answer (the shared client walk)', async () => {
    const w = await world();
    w.arc.setEndpointsDown(2);
    const out = await updateRoutingControls(arcClients(w, B) as never, [
      { arn: w.names.routingControlArn(A), state: 'Off' },
      { arn: w.names.routingControlArn(B), state: 'On' },
    ]);
    expect(out.ok).toBe(true);
    expect(out.attempts.map((a) => Boolean(a.error))).toEqual([true, true, false]);
    expect(out.ok && out.endpoint).toBe(w.arc.endpoints[2]!.endpoint);
    expect(w.arc.snapshot()).toEqual({ [A]: 'Off', [B]: 'On' });
  });

  it('changes nothing when no endpoint answers', async () => {
    const w = await world();
    w.arc.setEndpointsDown(5);
    const out = await updateRoutingControls(arcClients(w, B) as never, [
      { arn: w.names.routingControlArn(A), state: 'Off' },
      { arn: w.names.routingControlArn(B), state: 'On' },
    ]);
    expect(out).toMatchObject({ ok: false, definitive: false });
    expect(out.attempts).toHaveLength(5);
    expect(w.arc.snapshot()).toEqual({ [A]: 'On', [B]: 'Off' });
    w.arc.setEndpointsDown(0);
    expect((await readRoutingControl(arcClients(w, B) as never, w.names.routingControlArn(B))).ok).toBe(true);
  });

  it('stops the walk on a safety rule refusal: the other endpoints would refuse too', async () => {
    const w = await world();
    const out = await updateRoutingControls(arcClients(w, B) as never, [{ arn: w.names.routingControlArn(B), state: 'On' }]);
    expect(out).toMatchObject({ ok: false, definitive: true });
    expect(out.attempts).toHaveLength(1);
  });
});

describe('POST /trades', () => {
  it('queues the order in the region whose stage variable active is "true"', async () => {
    const w = await world();
    const out = postTrade(w, A, { messageId: 'm1', orderId: 'o1', body: '{}' });
    expect(out.status).toBe(200);
    expect(w.regions[A]!.queue.length).toBe(1);
  });

  it('answers 503 with the contract body and queues nothing where active is not "true"', async () => {
    const w = await world();
    const out = postTrade(w, B, { messageId: 'm1', orderId: 'o1', body: '{}' });
    expect(out.status).toBe(503);
    expect(out.status === 503 && JSON.parse(out.body)).toEqual({ message: `${B} is not the active region; retry, resolving the name again`, region: B });
    expect(w.regions[B]!.queue.length).toBe(0);
    // The stage variable, not the serving flag, decides.
    w.regions[A]!.stageVariables.active = 'false';
    expect(postTrade(w, A, { messageId: 'm2', orderId: 'o2', body: '{}' }).status).toBe(503);
    expect(w.regions[A]!.queue.length).toBe(0);
  });
});

describe('Route 53', () => {
  it("a region's failover record follows its routing control check alone, whatever its HTTPS check says", async () => {
    const w = await world();
    const r = w.regions[A]!;
    expect(w.recordHealthy(A)).toBe(true);
    r.control.record(false);
    expect(w.recordHealthy(A)).toBe(false);
    r.health.healthy = true;
    expect(w.recordHealthy(A)).toBe(false);
    r.control.record(true);
    r.health.healthy = false;
    expect(w.recordHealthy(A)).toBe(true);
  });

  it('the view records answer with the primary HTTPS check, through the DNS data plane, with the primary down', async () => {
    const w = await world();
    const resolve = resolveTxtFor(w, B);
    expect(await resolve(w.names.route53ViewName)).toEqual([['healthy']]);
    w.regions[A]!.up = false;
    w.regions[A]!.health.healthy = false;
    expect(await resolve(w.names.route53ViewName)).toEqual([['unhealthy']]);
    await expect(resolve('other.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
