// The lifecycle drill's three outputs:
//   - json: one object per scenario (one per line), with fixed field names other tools read:
//     scenario, ok, invariants[{name, held, firstViolationAt, detail}], orders{...},
//     availability{unavailableSeconds, longestGapSeconds}, rtoSeconds, timeline[{t, region, what}];
//   - human: the timeline, the verdicts and the figures;
//   - markdown: a Mermaid gantt of each scenario (outage, detection, approval, promotion, DNS and
//     processing per region) with the verdicts under it, for a pull request.
import { knownFailure, type KnownFailure } from './known-failures.ts';
import type { LifecycleResult, Span } from './simulate.ts';

export interface LifecycleJson {
  scenario: string;
  ok: boolean;
  invariants: { name: string; held: boolean; firstViolationAt: number | null; detail: string }[];
  orders: LifecycleResult['orders'];
  availability: LifecycleResult['availability'];
  rtoSeconds: number | null;
  timeline: { t: number; region: string; what: string }[];
}

export function toJson(r: LifecycleResult): LifecycleJson {
  return {
    scenario: r.scenario.name,
    ok: r.ok,
    invariants: r.invariants.map(({ name, held, firstViolationAt, detail }) => ({ name, held, firstViolationAt, detail })),
    orders: { ...r.orders },
    availability: { ...r.availability },
    rtoSeconds: r.rtoSeconds,
    timeline: r.timeline.map(({ t, region, what }) => ({ t, region, what })),
  };
}

const secs = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)} s`;

function figuresLine(r: LifecycleResult): string {
  const f = r.figures;
  return [
    `env ${f.env ?? '(none)'}: ${f.source}`,
    `health check 10 s x ${f.healthCheckFailureThreshold}`,
    `approval ${f.requireApproval ? `on (${f.approvalTimeoutSeconds} s)` : 'off'}`,
    `poll ${f.pollIntervalSeconds} s x ${f.maxPollAttempts}`,
    `automatic failover ${f.autoFailoverEnabled ? `on (${f.probeFailureDatapoints} failed minutes)` : 'off'}`,
    `orders ${r.scenario.orders.ratePerSecond}/s, max age ${r.scenario.orders.maxAgeSeconds} s`,
  ].join('; ');
}

function ordersLine(r: LifecycleResult): string {
  return Object.entries(r.orders)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

export function formatHuman(r: LifecycleResult, known: KnownFailure[] = []): string {
  const out: string[] = [];
  out.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.scenario.name}: ${r.scenario.title}`);
  out.push(`  ${figuresLine(r)}; ${r.scenario.duration} s simulated`);
  out.push('  timeline:');
  for (const e of r.timeline) out.push(`    +${secs(e.t).padStart(9)}  ${e.region.padEnd(10)} ${e.what}`);
  out.push('  invariants:');
  const width = Math.max(...r.invariants.map((i) => i.name.length));
  for (const i of r.invariants) {
    const k = knownFailure(known, r.scenario.name, i.name);
    const note = k ? (i.held ? `  [listed as a known failure (issue ${k.issue}) but holds: remove it from the list]` : `  [known failure, issue ${k.issue}]`) : '';
    out.push(`    ${i.held ? 'held    ' : 'VIOLATED'}  ${i.name.padEnd(width)}  ${i.held ? i.detail : `at ${secs(i.firstViolationAt ?? 0)}: ${i.detail}`}${note}`);
  }
  out.push(`  orders: ${ordersLine(r)}`);
  out.push(`  availability: unavailable ${secs(r.availability.unavailableSeconds)}, longest gap ${secs(r.availability.longestGapSeconds)}; RTO ${r.rtoSeconds === null ? 'none (no disruptive fault, or no order processed in a recovered region)' : secs(r.rtoSeconds)}`);
  return out.join('\n');
}

/** Mermaid forbids `:`, `;` and `#` in task names. */
const label = (s: string) => s.replace(/[:;#]/g, ' ').replace(/\s+/g, ' ').trim();

const TAG: Record<Span['tone'], string> = { crit: 'crit, ', active: 'active, ', done: 'done, ', normal: '' };

export function formatMarkdown(r: LifecycleResult, known: KnownFailure[] = []): string {
  const out: string[] = [];
  out.push(`### ${r.ok ? '✅' : '❌'} \`${r.scenario.name}\`: ${r.scenario.title}`, '');
  out.push(`${figuresLine(r)}.`, '');
  out.push('```mermaid', 'gantt', `  title ${label(r.scenario.name)} (simulated time)`, '  dateFormat X', '  axisFormat %H:%M', '  todayMarker off');
  let lane = '';
  for (const s of r.spans) {
    if (s.lane !== lane) {
      lane = s.lane;
      out.push(`  section ${label(lane)}`);
    }
    const from = Math.floor(s.from);
    const to = Math.max(from + 1, Math.ceil(s.to));
    out.push(`  ${label(s.label)} :${TAG[s.tone]}${from}, ${to}`);
  }
  out.push('```', '');
  out.push('| invariant | verdict | first violation | detail |', '|---|---|---|---|');
  for (const i of r.invariants) {
    const k = knownFailure(known, r.scenario.name, i.name);
    const verdict = i.held ? (k ? `held (listed as known failure, issue ${k.issue})` : 'held') : `**violated**${k ? ` (known, issue ${k.issue})` : ''}`;
    out.push(`| \`${i.name}\` | ${verdict} | ${i.firstViolationAt === null ? '' : secs(i.firstViolationAt)} | ${i.detail.replace(/\|/g, '\\|')} |`);
  }
  out.push('');
  out.push(`Orders: ${ordersLine(r)}. Unavailable ${secs(r.availability.unavailableSeconds)} (longest gap ${secs(r.availability.longestGapSeconds)}); RTO ${r.rtoSeconds === null ? 'none' : secs(r.rtoSeconds)}.`);
  return out.join('\n');
}
