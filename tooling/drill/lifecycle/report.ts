// The lifecycle drill's three outputs:
//   - json: one object per scenario (one per line), with fixed field names other tools read:
//     scenario, ok, invariants[{name, held, firstViolationAt, detail}], orders{...},
//     availability{unavailableSeconds, longestGapSeconds}, rtoSeconds, refenceSeconds,
//     refences[{region, returnedAt, seconds}], timeline[{t, region, what}];
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
  /** The longest time from a region's return (while the authority named the other) to its switches all off. */
  refenceSeconds: number | null;
  refences: { region: string; returnedAt: number; seconds: number | null }[];
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
    refenceSeconds: r.refenceSeconds,
    refences: r.refences.map(({ region, returnedAt, seconds }) => ({ region, returnedAt, seconds })),
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

/** The re-fence on return, in words: per return, or why there is none. */
export function refenceText(r: LifecycleResult): string {
  if (r.refences.length === 0) return 'none needed (no region returned while the authority named the other)';
  return r.refences.map((x) => `${x.region} returned at ${secs(x.returnedAt)}: ${x.seconds === null ? 'NOT re-fenced by the end' : `switches off after ${secs(x.seconds)}`}`).join('; ');
}

/** The figures each scenario is judged by, on one line. */
export function keyFigures(r: LifecycleResult): string {
  return `rtoSeconds ${r.rtoSeconds ?? 'none'}, unavailableSeconds ${r.availability.unavailableSeconds}, lostInFailover ${r.orders.lostInFailover}, re-fence on return ${r.refenceSeconds === null ? 'none' : `${r.refenceSeconds} s`}`;
}

/** One row per scenario: the figures above, side by side. */
export function figuresTable(results: LifecycleResult[]): string {
  const rows = results.map((r) => [r.scenario.name, r.ok ? 'pass' : 'FAIL', String(r.rtoSeconds ?? '-'), String(r.availability.unavailableSeconds), String(r.orders.lostInFailover), r.refenceSeconds === null ? '-' : String(r.refenceSeconds), String(r.orders.refusedNotAcknowledged), String(r.orders.rejectedStale)]);
  const head = ['scenario', 'verdict', 'rtoSeconds', 'unavailableSeconds', 'lostInFailover', 'refenceSeconds', 'refusedNotAcknowledged', 'rejectedStale'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
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
  out.push(`  re-fence on return: ${refenceText(r)}`);
  out.push(`  figures: ${keyFigures(r)}`);
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
  out.push(`Orders: ${ordersLine(r)}. Unavailable ${secs(r.availability.unavailableSeconds)} (longest gap ${secs(r.availability.longestGapSeconds)}); RTO ${r.rtoSeconds === null ? 'none' : secs(r.rtoSeconds)}; re-fence on return: ${refenceText(r)}.`);
  return out.join('\n');
}
