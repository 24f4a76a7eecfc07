// The lifecycle drill's outputs: the JSON names are fixed, and the markdown picture covers every lane.
import { beforeAll, describe, expect, it } from 'vitest';
import { lifecycleFigures } from '../../../../tooling/drill/lifecycle/figures.ts';
import { formatHuman, formatMarkdown, toJson } from '../../../../tooling/drill/lifecycle/report.ts';
import { parseScenario } from '../../../../tooling/drill/lifecycle/scenario.ts';
import { runLifecycle, type LifecycleResult } from '../../../../tooling/drill/lifecycle/simulate.ts';

let result: LifecycleResult;
beforeAll(async () => {
  const scenario = parseScenario({
    name: 'report-sample',
    title: 'A lost primary and a failover',
    env: 'dev',
    duration: 900,
    orders: { ratePerSecond: 1, maxAgeSeconds: 60 },
    events: [
      { at: 60, fault: 'region-outage', region: 'us-east-1' },
      { at: 120, action: 'start-recovery', region: 'us-east-2', mode: 'failover' },
    ],
  });
  result = await runLifecycle(scenario, await lifecycleFigures('dev'));
}, 120_000);

describe('lifecycle report', () => {
  it('json carries exactly the documented fields', () => {
    const j = toJson(result);
    expect(Object.keys(j)).toEqual(['scenario', 'ok', 'invariants', 'orders', 'availability', 'rtoSeconds', 'refenceSeconds', 'refences', 'timeline']);
    expect(j.invariants.map((i) => i.name)).toEqual([
      'single-writer-processing',
      'no-processing-on-non-writer',
      'acknowledged-orders-accounted',
      'no-late-execution',
      'no-failback-without-request',
      'recovery-terminates',
      'failed-recovery-keeps-a-server',
      'no-unforced-data-loss-failover',
      'approval-token-only-to-approvers',
    ]);
    expect(j.timeline.every((e) => typeof e.t === 'number' && typeof e.region === 'string' && typeof e.what === 'string')).toBe(true);
    expect(j.timeline.map((e) => e.t)).toEqual([...j.timeline.map((e) => e.t)].sort((a, b) => a - b));
  });

  it('markdown draws outage, detection, promotion, DNS and processing per region, with the verdicts under it', () => {
    const md = formatMarkdown(result);
    const gantt = md.slice(md.indexOf('```mermaid'), md.indexOf('```', md.indexOf('```mermaid') + 3));
    expect(gantt).toContain('dateFormat X');
    for (const section of ['section us-east-1', 'section us-east-2', 'section Route 53', 'section state machine in us-east-2']) expect(gantt).toContain(section);
    expect(gantt).toMatch(/region outage :crit, 60, 900/);
    expect(gantt).toMatch(/unhealthy in Route 53 :active, \d+, \d+/);
    expect(gantt).toMatch(/promotion :active, \d+, \d+/);
    expect(gantt).toMatch(/answers us-east-2 :\d+, 900/);
    expect(gantt).toMatch(/processor active \(flag within lease\) :\d+, 900/);
    // The authority and the region's mirror of it.
    expect(gantt).toMatch(/routing control On :done, \d+, 900/);
    expect(gantt).toMatch(/API active :\d+, 900/);
    // Mermaid task names cannot hold a colon.
    for (const line of gantt.split('\n').filter((l) => l.includes(' :'))) expect(line.split(' :')[0]).not.toContain(':');
    expect(md.indexOf('| invariant | verdict |')).toBeGreaterThan(md.indexOf('```mermaid'));
  });

  it('human output shows the timeline and every verdict', () => {
    const text = formatHuman(result, [{ scenario: 'report-sample', invariant: 'recovery-terminates', issue: 11 }]);
    expect(text).toMatch(/^(PASS|FAIL) {2}report-sample: A lost primary and a failover/);
    expect(text).toContain('fault: region outage');
    expect(text).toContain('listed as a known failure (issue 11) but holds');
    expect(text).toMatch(/figures: rtoSeconds \d+(\.\d)?, unavailableSeconds [\d.]+, lostInFailover \d+, re-fence on return none/);
  });

  it('json gives the re-fence on return: none when no region returned', () => {
    const j = toJson(result);
    expect(j.refences).toEqual([]);
    expect(j.refenceSeconds).toBeNull();
  });
});
