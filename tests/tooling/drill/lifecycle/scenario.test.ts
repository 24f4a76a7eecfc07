// Scenario files: the format is checked before anything runs, and every problem is one line naming the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../tooling/core/errors.ts';
import { checkRegions, loadScenarioFile, parseScenario, shippedScenarioFiles, timeOrdered } from '../../../../tooling/drill/lifecycle/scenario.ts';

const EXAMPLE = {
  name: 'primary-returns-unfenced',
  title: 'us-east-1 is lost, the secondary takes over, us-east-1 returns 40 minutes later',
  env: 'prod',
  duration: 5400,
  orders: { ratePerSecond: 2, maxAgeSeconds: 60 },
  events: [
    { at: 120, fault: 'region-outage', region: 'us-east-1' },
    { at: 300, action: 'start-recovery', region: 'us-east-2', mode: 'failover', approveAfter: 60 },
    { at: 2700, fault: 'region-restore', region: 'us-east-1' },
    { at: 4000, action: 'start-recovery', region: 'us-east-1', mode: 'switchover' },
  ],
};

const withEvent = (event: unknown) => ({ ...EXAMPLE, events: [...EXAMPLE.events.slice(0, 2), event] });
const message = (doc: unknown) => {
  try {
    parseScenario(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be refused');
};

describe('scenario format', () => {
  it('accepts the issue\'s example with only the documented fields', () => {
    const s = parseScenario(EXAMPLE);
    expect(s).toMatchObject({ name: 'primary-returns-unfenced', env: 'prod', duration: 5400, orders: { ratePerSecond: 2, maxAgeSeconds: 60 } });
    expect(s.events).toHaveLength(4);
  });

  it('accepts every fault', () => {
    const events = [
      { at: 1, fault: 'region-outage', region: 'us-east-1' },
      { at: 2, fault: 'region-restore', region: 'us-east-1' },
      { at: 3, fault: 'partition' },
      { at: 4, fault: 'heal' },
      { at: 5, fault: 'fence-fails', region: 'us-east-1' },
      { at: 6, fault: 'database-outage', region: 'us-east-2' },
      { at: 7, fault: 'database-restore', region: 'us-east-2' },
      { at: 8, fault: 'health-flap', region: 'us-east-2', seconds: 30 },
      { at: 9, fault: 'promotion-stuck' },
      { at: 10, fault: 'replication-lag', ms: 5000 },
      { at: 10, fault: 'arc-endpoints-down', count: 3 },
      { at: 10, fault: 'arc-endpoints-down', count: 0 },
      { at: 11, action: 'start-recovery', region: 'us-east-2', mode: 'failover', reject: true },
    ];
    expect(parseScenario({ ...EXAMPLE, events }).events).toHaveLength(events.length);
  });

  it.each([
    ['an unknown top-level field', { ...EXAMPLE, seed: 4 }, 'unknown field "seed"'],
    ['an unknown field in an event', withEvent({ at: 10, fault: 'partition', region: 'us-east-1' }), 'events[2]: unknown field "region"'],
    ['an unknown field in orders', { ...EXAMPLE, orders: { ...EXAMPLE.orders, burst: 3 } }, 'orders: unknown field "burst"'],
    ['an event outside the duration', withEvent({ at: 9000, fault: 'heal' }), 'events[2].at: 9000 is outside duration 5400'],
    ['an unknown fault', withEvent({ at: 10, fault: 'meteor' }), 'events[2].fault: "meteor" is not a fault; use one of region-outage,'],
    ['an unknown action', withEvent({ at: 10, action: 'pray' }), 'events[2].action: "pray" is not an action'],
    ['a bad mode', withEvent({ at: 10, action: 'start-recovery', region: 'us-east-2', mode: 'yolo' }), 'events[2].mode: must be "switchover" or "failover"'],
    ['approval and rejection together', withEvent({ at: 10, action: 'start-recovery', region: 'us-east-2', mode: 'failover', approveAfter: 5, reject: true }), 'events[2]: give either "approveAfter" or "reject", not both'],
    ['a missing region', withEvent({ at: 10, fault: 'region-outage' }), 'events[2].region: is required'],
    ['a bad region name', withEvent({ at: 10, fault: 'region-outage', region: 'mars' }), 'events[2].region: must be an AWS region name'],
    ['a negative time', withEvent({ at: -1, fault: 'heal' }), 'events[2].at: must be 0 or more'],
    ['a fractional time', withEvent({ at: 1.5, fault: 'heal' }), 'events[2].at: must be a whole number of seconds'],
    ['a zero order rate', { ...EXAMPLE, orders: { ratePerSecond: 0, maxAgeSeconds: 60 } }, 'orders.ratePerSecond: must be more than 0'],
    ['a missing duration', { ...EXAMPLE, duration: undefined }, 'duration: is required'],
    ['an event without fault or action', withEvent({ at: 10 }), 'events[2]: needs a "fault" or an "action"'],
    ['a bad name', { ...EXAMPLE, name: 'Bad Name' }, 'name: must be 1-64 characters'],
    ['more ARC endpoints down than the cluster has', withEvent({ at: 10, fault: 'arc-endpoints-down', count: 6 }), 'events[2].count: must be at most 5 (the cluster has five endpoints)'],
    ['ARC endpoints down without a count', withEvent({ at: 10, fault: 'arc-endpoints-down' }), 'events[2].count: is required'],
  ])('refuses %s with one line naming the field', (_, doc, expected) => {
    const m = message(doc);
    expect(m).toContain(expected);
    expect(m.split('\n')).toHaveLength(1);
  });

  it('checks regions against the pair once the figures are known', () => {
    const s = parseScenario({ ...EXAMPLE, events: [{ at: 10, fault: 'region-outage', region: 'eu-west-1' }] });
    expect(() => checkRegions(s, ['us-east-1', 'us-east-2'])).toThrow('events[0].region: eu-west-1 is not one of the pair (us-east-1, us-east-2)');
  });

  it('orders events by time, keeping the file order within a second', () => {
    const s = parseScenario({ ...EXAMPLE, events: [{ at: 20, fault: 'heal' }, { at: 10, fault: 'partition' }, { at: 20, fault: 'promotion-stuck' }] });
    expect(timeOrdered(s.events).map((e) => ('fault' in e ? e.fault : e.action))).toEqual(['partition', 'heal', 'promotion-stuck']);
  });

  it('names the file in a problem with a file, and refuses a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drill-scenario-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(withEvent({ at: 9000, fault: 'heal' })));
    expect(() => loadScenarioFile(bad)).toThrow(`events[2].at: 9000 is outside duration 5400 (scenario file ${bad})`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"name": ');
    expect(() => loadScenarioFile(broken)).toThrow(/is not JSON/);
    expect(() => loadScenarioFile(join(dir, 'missing.json'))).toThrow(/cannot read scenario file .*ENOENT/);
  });

  it('ships every scenario file in a valid format, named after its file', () => {
    const files = shippedScenarioFiles();
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) expect(`${loadScenarioFile(f).name}.json`).toBe(f.split('/').pop());
  });
});
