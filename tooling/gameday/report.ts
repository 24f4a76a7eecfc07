// The game day's report: <out>/gameday-<env>-<timestamp>.md (timeline, figures beside the budget and
// the lifecycle drill's figures for planned-switchover-and-failback, verdict) and .json in the
// lifecycle drill's report format (tooling/drill/lifecycle/report.ts LifecycleJson) with
// `measured: true`, the budget and the game day's own detail. Figures are real only when the run was
// against a real account; the report says so.
import type { LifecycleJson } from '../drill/lifecycle/report.ts';
import type { Budget } from './figures.ts';
import type { GamedayResult } from './run.ts';

export const DRILL_SCENARIO = 'planned-switchover-and-failback';

export interface GamedayJson extends LifecycleJson {
  measured: true;
  env: string;
  startedAt: string;
  budget: Budget;
  legs: {
    name: string;
    from: string;
    target: string;
    startedAt: number | null;
    endedAt: number | null;
    executionArn: string | null;
    status: string;
    error: string | null;
    cause: string | null;
    validatorReady: boolean | null;
    dnsSeconds: number | null;
    firstProcessed: { orderId: string; ackSeconds: number; processedSeconds: number } | null;
  }[];
  refusals: GamedayResult['refusals'];
  lostOrderIds: string[];
  /** Counts the game day cannot observe from outside; they stay 0 and are not evidence. */
  unmeasured: string[];
  /** How "processed" was observed. */
  processedBy: string;
  endpoints: Record<string, string>;
  drill: { scenario: string; ok: boolean; rtoSeconds: number | null; availability: LifecycleJson['availability']; orders: LifecycleJson['orders']; dnsSeconds: (number | null)[] } | null;
  verdict: GamedayResult['verdict'];
}

export const PROCESSED_BY = 'S3 HeadObject of the audit object trades/YYYY/MM/DD/<orderId>.json in each region (ReplicationStatus REPLICA marks a copy written by the other region)';

/** The report's file name stem: gameday-<env>-<yyyymmddTHHMMSSZ>. */
export function reportStem(result: GamedayResult): string {
  return `gameday-${result.env.env}-${result.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** Per leg of the drill's scenario: from the operator's start to Route 53 answering with the target. */
export function drillDnsSeconds(drill: LifecycleJson): (number | null)[] {
  const starts = drill.timeline.filter((e) => /^operator starts the state machine in /.test(e.what));
  return starts.map((s) => {
    const flip = drill.timeline.find((e) => e.t >= s.t && e.region === 'route53' && e.what.startsWith(`answers ${s.region}`));
    return flip ? Math.round((flip.t - s.t) * 10) / 10 : null;
  });
}

export function toGamedayJson(r: GamedayResult): GamedayJson {
  const rtos = r.legFigures.map((f) => f.firstProcessed?.processedSeconds ?? null);
  const lostHeld = r.lost.length === 0;
  return {
    scenario: DRILL_SCENARIO,
    ok: r.verdict.ok,
    invariants: [
      {
        name: 'acknowledged-orders-accounted',
        held: lostHeld,
        firstViolationAt: lostHeld ? null : (r.orders.find((o) => o.orderId === r.lost[0])?.ackAt ?? null),
        detail: lostHeld ? 'every acknowledged order was seen processed or rejected as stale' : `${r.lost.length} acknowledged order(s) never processed: ${r.lost.join(', ')}`,
      },
      ...r.legs.map((l) => ({
        name: `${l.name}-validated`,
        held: l.outcome.status === 'SUCCEEDED' && l.outcome.validatorReady === true,
        firstViolationAt: l.outcome.status === 'SUCCEEDED' && l.outcome.validatorReady === true ? null : (l.endedAt ?? l.startedAt),
        detail: `execution ${l.outcome.status}${l.outcome.error ? ` ${l.outcome.error}` : ''}; validator ${l.outcome.validatorReady === null ? 'no verdict' : l.outcome.validatorReady ? 'ready' : 'not ready'}`,
      })),
    ],
    orders: { ...r.counts },
    availability: { ...r.availability },
    rtoSeconds: rtos.every((x) => x !== null) && rtos.length ? Math.max(...(rtos as number[])) : null,
    refenceSeconds: null,
    refences: [],
    timeline: r.timeline,
    measured: true,
    env: r.env.env,
    startedAt: r.startedAt,
    budget: r.budget,
    legs: r.legs.map((l, i) => ({
      name: l.name,
      from: l.from,
      target: l.target,
      startedAt: l.startedAt,
      endedAt: l.endedAt,
      executionArn: l.executionArn,
      status: l.outcome.status,
      error: l.outcome.error,
      cause: l.outcome.cause,
      validatorReady: l.outcome.validatorReady,
      dnsSeconds: r.legFigures[i]!.dnsSeconds,
      firstProcessed: r.legFigures[i]!.firstProcessed,
    })),
    refusals: { ...r.refusals },
    lostOrderIds: [...r.lost],
    unmeasured: ['rejected', 'stranded', 'processedTwice', 'processedByNonWriter'],
    processedBy: PROCESSED_BY,
    endpoints: { ...r.endpoints },
    drill: r.drill ? { scenario: r.drill.scenario, ok: r.drill.ok, rtoSeconds: r.drill.rtoSeconds, availability: r.drill.availability, orders: r.drill.orders, dnsSeconds: drillDnsSeconds(r.drill) } : null,
    verdict: r.verdict,
  };
}

const s = (n: number | null | undefined) => (n === null || n === undefined ? '-' : `${n.toFixed(1)} s`);
const cell = (x: string) => x.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function formatGamedayMarkdown(r: GamedayResult, opts: { mocked?: boolean } = {}): string {
  const j = toGamedayJson(r);
  const [sw, fb] = [j.legs[0], j.legs[1]];
  const out: string[] = [];
  out.push(`# Game day: ${r.env.env}, ${r.startedAt}`, '');
  out.push(
    opts.mocked
      ? '> **Produced by a mocked run** (scripted AWS answers, DNS and API on a fake clock). These figures measure nothing: real figures come only from a real account.'
      : `> Measured against account ${r.env.accountId} (${r.env.regions.primary} primary, ${r.env.regions.secondary} secondary). Real figures come only from a real account; the lifecycle drill (\`npm run --silent drill -- --lifecycle\`) computes the same figures offline.`,
    '',
  );
  out.push(`**Verdict: ${r.verdict.ok ? 'PASS' : 'FAIL'}**${r.verdict.reasons.length ? '' : ': both switchovers validated, no acknowledged order lost, within budget.'}`, '');
  for (const reason of r.verdict.reasons) out.push(`- ${reason}`);
  if (r.verdict.reasons.length) out.push('');
  out.push(`Load: ${r.options.ordersPerSecond} order(s)/s to ${r.env.sharedUrl}/trades through the reference client, from ${s(r.load.from)} to ${s(r.load.to)}. Processed means: ${PROCESSED_BY}.`, '');

  out.push('## Timeline', '', '| t (s) | where | event |', '|---:|---|---|');
  for (const e of r.timeline) out.push(`| ${e.t.toFixed(1)} | ${e.region} | ${cell(e.what)} |`);
  out.push('');

  const d = j.drill;
  const drillLeg = (i: number) => (d ? s(d.dnsSeconds[i]) : 'not run');
  out.push('## Figures', '', `| figure | switchover into ${sw?.target ?? r.env.regions.secondary} | failback into ${fb?.target ?? r.env.regions.primary} | budget | drill (\`${DRILL_SCENARIO}\`) |`, '|---|---:|---:|---:|---:|');
  out.push(`| execution | ${sw?.status ?? '-'} | ${fb?.status ?? 'not started'} | SUCCEEDED, validator ready | ${d ? (d.ok ? 'invariants hold' : 'invariants VIOLATED') : 'not run'} |`);
  out.push(`| DNS answers with the new region (from the start) | ${s(sw?.dnsSeconds)} | ${s(fb?.dnsSeconds)} | ${r.budget.dnsBudgetSeconds} s | ${drillLeg(0)} / ${drillLeg(1)} |`);
  out.push(`| first order acknowledged after the start, then processed in the new region: acknowledged | ${s(sw?.firstProcessed?.ackSeconds)} | ${s(fb?.firstProcessed?.ackSeconds)} | | |`);
  out.push(`| ... processed (rtoSeconds) | ${s(sw?.firstProcessed?.processedSeconds)} | ${s(fb?.firstProcessed?.processedSeconds)} | ${r.budget.rtoBudgetSeconds} s | ${d ? s(d.rtoSeconds) : 'not run'} ${d && d.rtoSeconds === null ? '(none: no fault)' : ''} |`);
  out.push(`| unavailableSeconds (whole run) | ${s(r.availability.unavailableSeconds)} | | | ${d ? s(d.availability.unavailableSeconds) : 'not run'} |`);
  out.push(`| longest gap | ${s(r.availability.longestGapSeconds)} | | | ${d ? s(d.availability.longestGapSeconds) : 'not run'} |`);
  out.push(`| orders acknowledged / submitted | ${r.counts.acknowledged} / ${r.counts.submitted} | | | ${d ? `${d.orders.acknowledged} / ${d.orders.submitted}` : 'not run'} |`);
  out.push(`| lostInFailover (acknowledged, never processed) | ${r.counts.lostInFailover} | | ${r.budget.lostInFailover} | ${d ? d.orders.lostInFailover : 'not run'} |`);
  out.push(`| refused, given up by the client | ${r.counts.refusedNotAcknowledged} | | | ${d ? d.orders.refusedNotAcknowledged : 'not run'} |`);
  out.push(`| refused attempts the client retried (503 / 429 / no answer) | ${r.refusals.http503} / ${r.refusals.http429} / ${r.refusals.connection} | | | |`);
  out.push(`| rejected as stale | ${r.counts.rejectedStale} | | | ${d ? d.orders.rejectedStale : 'not run'} |`);
  out.push('');
  out.push(`Budgets: rtoSeconds from ${r.budget.rtoSource}; DNS from ${r.budget.dnsSource}. The drill's DNS figure is when Route 53 starts answering with the new region; the game day's is when a resolver returns it, after the cached answer's TTL. The drill simulates ${d ? `${d.orders.submitted} orders over its own hour` : 'nothing here'}, so counts compare in kind, not in number.`);
  if (r.lost.length) out.push('', `Lost orders (acknowledged, never processed): ${r.lost.join(', ')}.`);
  const errors = Object.entries(r.observeErrors);
  if (errors.length) out.push('', `Audit reads that failed: ${errors.map(([region, e]) => `${region}: ${e}`).join('; ')}.`);
  return `${out.join('\n')}\n`;
}
