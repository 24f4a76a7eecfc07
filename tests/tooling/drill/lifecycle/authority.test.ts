// The functions that read the authority, run by the drill against the simulated world: region-fence's
// sync (the re-fence on return) and primary-probe's two vantage points (the automatic trigger).
import { describe, expect, it } from 'vitest';
import { databasePort, probe, regionFence, syncPayload } from '../../../../tooling/drill/lifecycle/functions.ts';
import { lifecycleFigures } from '../../../../tooling/drill/lifecycle/figures.ts';
import { parseScenario } from '../../../../tooling/drill/lifecycle/scenario.ts';
import { runLifecycle } from '../../../../tooling/drill/lifecycle/simulate.ts';
import { LIFECYCLE_TIMING } from '../../../../tooling/drill/lifecycle/timing.ts';
import { World } from '../../../../tooling/drill/lifecycle/world.ts';

const A = 'us-east-1';
const B = 'us-east-2';

async function world(): Promise<World> {
  return new World(await lifecycleFigures('staging'));
}

/** The authority names B; A's switches are still on (it was not reachable to be fenced). */
function authorityMovedTo(w: World, region: string): void {
  w.arc.update([
    { arn: w.names.routingControlArn(region), state: 'On' },
    { arn: w.names.routingControlArn(w.peer(region)), state: 'Off' },
  ]);
}

describe('region-fence sync in the drill', () => {
  it('turns a region whose routing control is Off fully off (serving flag and API)', async () => {
    const w = await world();
    authorityMovedTo(w, B);
    expect(w.switchesOff(A)).toBe(false);
    const { result } = await regionFence(w, A, syncPayload(w, A));
    expect(result).toMatchObject({ action: 'sync', authority: 'Off', active: false, synced: true });
    expect(w.switchesOff(A)).toBe(true);
    expect(w.regions[A]!.stageVariables.active).toBe('false');
  });

  it('changes nothing when no ARC endpoint answers, and costs a connect timeout per endpoint', async () => {
    const w = await world();
    authorityMovedTo(w, B);
    w.arc.setEndpointsDown(5);
    const { result, seconds, arcTimeouts } = await regionFence(w, A, syncPayload(w, A));
    expect(result).toMatchObject({ action: 'sync', authority: 'unknown', active: null, synced: false });
    expect(w.switchesOff(A)).toBe(false);
    expect(arcTimeouts).toBe(5);
    expect(seconds).toBeGreaterThanOrEqual(5 * LIFECYCLE_TIMING.arcEndpointTimeout.seconds);
  });

  it('keeps a region off while its routing control is On but another cluster is the writer', async () => {
    const w = await world();
    authorityMovedTo(w, B);
    const { result } = await regionFence(w, B, syncPayload(w, B));
    expect(result).toMatchObject({ action: 'sync', authority: 'On', writer: false, active: false });
    expect(w.regions[B]!.stageVariables.active).toBe('false');
  });

  it('re-fences a region that returns unfenced within one sync interval, in the whole simulation', async () => {
    const s = parseScenario({
      name: 'refence',
      title: 'refence',
      env: 'dev',
      duration: 1500,
      orders: { ratePerSecond: 1, maxAgeSeconds: 60 },
      events: [
        { at: 60, fault: 'region-outage', region: A },
        { at: 120, action: 'start-recovery', region: B, mode: 'failover' },
        { at: 1000, fault: 'region-restore', region: A },
      ],
    });
    const r = await runLifecycle(s, await lifecycleFigures('dev'));
    expect(r.timeline.some((e) => /region-fence of us-east-1: NOT fenced/.test(e.what))).toBe(true);
    expect(r.refences).toEqual([{ region: A, returnedAt: 1000, seconds: expect.any(Number) }]);
    expect(r.refences[0]!.seconds).toBeGreaterThan(0);
    expect(r.refences[0]!.seconds).toBeLessThanOrEqual(LIFECYCLE_TIMING.syncSchedule.seconds);
    expect(r.refenceSeconds).toBe(r.refences[0]!.seconds);
  }, 120_000);
});

describe('primary-probe in the drill: automatic failover needs both vantage points', () => {
  it('a partition fails the canary but Route 53 still sees the primary healthy: no failing datapoint', async () => {
    const w = await world();
    w.partitioned = true;
    const { result, datapoint } = await probe(w, await databasePort());
    expect(result).toMatchObject({ canaryFailed: true, route53View: 'healthy', outcome: 'healthy' });
    expect(datapoint).toBe(1);
  });

  it('the primary down but Route 53 not yet seeing it: no failing datapoint', async () => {
    const w = await world();
    w.regions[A]!.up = false;
    const { result, datapoint } = await probe(w, await databasePort());
    expect(result).toMatchObject({ canaryFailed: true, route53View: 'healthy' });
    expect(datapoint).not.toBe(0);
  });

  it('the primary down and Route 53 seeing it unhealthy with its routing control On: a failing datapoint', async () => {
    const w = await world();
    w.regions[A]!.up = false;
    w.regions[A]!.health.healthy = false;
    const { result, datapoint } = await probe(w, await databasePort());
    expect(result).toMatchObject({ outcome: 'unhealthy', canaryFailed: true, route53View: 'unhealthy', routingControl: 'On' });
    expect(datapoint).toBe(0);
  });

  it('a primary demoted on purpose (routing control Off) is passive, not an outage', async () => {
    const w = await world();
    authorityMovedTo(w, B);
    w.regions[A]!.up = false;
    w.regions[A]!.health.healthy = false;
    const { result, datapoint } = await probe(w, await databasePort());
    expect(result.outcome).toBe('passive');
    expect(datapoint).toBeUndefined();
  });

  it('Route 53 seeing the primary unhealthy while the canary reaches it: no failing datapoint', async () => {
    const w = await world();
    w.regions[A]!.health.healthy = false;
    const { result, datapoint } = await probe(w, await databasePort());
    expect(result).toMatchObject({ canaryFailed: false, outcome: 'healthy' });
    expect(datapoint).toBe(1);
  });
});
