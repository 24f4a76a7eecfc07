// Route 53 as documented: failover record rules, the failure threshold in both directions, and resolvers honouring the TTL.
import { describe, expect, it } from 'vitest';
import { failoverAnswer, HealthCheck, Resolver } from '../../../../tooling/drill/lifecycle/route53.ts';

describe('Route 53 failover records', () => {
  it.each([
    [true, true, 'us-east-1'],
    [true, false, 'us-east-1'],
    [false, true, 'us-east-2'],
    [false, false, 'us-east-1'],
  ])('PRIMARY healthy %s, SECONDARY healthy %s: answers %s', (p, s, answer) => {
    expect(failoverAnswer({ region: 'us-east-1', healthy: p }, { region: 'us-east-2', healthy: s })).toBe(answer);
  });
});

describe('health checks', () => {
  it('change status only after `threshold` consecutive results the other way, in both directions', () => {
    const hc = new HealthCheck('us-east-1', true, 3);
    expect([hc.record(false), hc.record(false), hc.record(true), hc.record(false), hc.record(false)]).toEqual([false, false, false, false, false]);
    expect(hc.record(false)).toBe(true);
    expect(hc.healthy).toBe(false);
    expect([hc.record(true), hc.record(true)]).toEqual([false, false]);
    expect(hc.record(true)).toBe(true);
    expect(hc.healthy).toBe(true);
  });
});

describe('resolvers', () => {
  it('answer from the cache until the TTL runs out, then ask again', () => {
    const r = new Resolver(60, 0, 'us-east-1');
    let asked = 0;
    const ask = () => {
      asked++;
      return 'us-east-2';
    };
    expect(r.resolve(59.5, ask)).toBe('us-east-1');
    expect(r.resolve(60, ask)).toBe('us-east-2');
    expect(r.resolve(119.9, ask)).toBe('us-east-2');
    expect(asked).toBe(1);
  });

  it('are staggered by their phase', () => {
    const r = new Resolver(60, 45, 'us-east-1');
    expect(r.resolve(15, () => 'us-east-2')).toBe('us-east-2');
  });
});
