// Human-readable drill output: per scenario the timeline (the bounded poll loop collapsed to one line
// per poll), the outcome against the expectation, and the RTO estimate with what it is made of.
import type { DrillResult, TimelineEntry } from './run.ts';
import { TIMING_MODEL } from './timing.ts';

const secs = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)} s`;
const clock = (n: number) => `+${secs(n).padStart(9)}`;

function timelineLines(timeline: TimelineEntry[], loop: DrillResult['loop']): string[] {
  const inLoop = new Set(loop.states);
  const lines: string[] = [];
  const polls: { at: number; seconds: number }[] = [];
  const flushPolls = () => {
    if (!polls.length) return;
    const show = polls.length <= 4 ? polls.map((_, i) => i) : [0, 1, -1, polls.length - 2, polls.length - 1];
    for (const i of show) {
      if (i < 0) {
        lines.push(`  ${' '.repeat(10)}  ... ${polls.length - 4} more polls`);
        continue;
      }
      const p = polls[i]!;
      lines.push(`  ${clock(p.at)}  ${`poll ${i + 1}/${polls.length}`.padEnd(26)} ${'loop'.padEnd(7)} ${secs(p.seconds).padStart(8)}${i === 0 ? `  [${loop.states.join(' -> ')}]` : ''}`);
    }
    polls.length = 0;
  };
  for (const t of timeline) {
    if (inLoop.has(t.state)) {
      if (t.state === loop.start) polls.push({ at: t.at, seconds: 0 });
      const current = polls[polls.length - 1];
      if (current) current.seconds = t.at + (t.seconds ?? 0) - current.at;
      continue;
    }
    flushPolls();
    const took = t.seconds && t.seconds > 0 ? secs(t.seconds) : '';
    const notes = t.notes.length ? `  [${t.notes.join('; ')}]` : '';
    lines.push(`  ${clock(t.at)}  ${t.state.padEnd(26)} ${t.type.padEnd(7)} ${took.padStart(8)}${notes}`);
  }
  flushPolls();
  return lines;
}

export function formatResult(r: DrillResult): string {
  const ok = r.mismatches.length === 0 && r.problems.length === 0;
  const out: string[] = [];
  out.push(`${ok ? 'PASS' : 'FAIL'}  ${r.scenario.name}: ${r.scenario.title}`);
  out.push(`  input ${JSON.stringify(r.scenario.input)}; approval ${r.figures.requireApproval ? `on (${r.figures.approvalTimeoutSeconds} s)` : 'off'}; poll ${r.figures.pollIntervalSeconds} s x ${r.figures.maxPollAttempts}`);
  out.push(...timelineLines(r.timeline, r.loop));
  out.push(`  outcome: ${r.status}${r.error ? ` ${r.error}` : ''} after ${secs(r.simulatedSeconds)} simulated (execution timeout ${r.executionTimeoutSeconds} s); expected ${r.scenario.expect.status}${r.scenario.expect.error ? ` ${r.scenario.expect.error}` : ''}`);
  if (r.cause && r.status === 'FAILED') out.push(`  cause: ${r.cause}`);
  const sent = r.notifications.map((n) => `${n.approval ? 'approval request' : `"${n.subject}"`} at ${secs(n.at)}`);
  out.push(`  notifications: ${sent.length ? sent.join(', ') : 'none'}`);
  if (r.rto) {
    const e = r.rto;
    out.push(
      `  RTO estimate ${secs(e.totalSeconds)} = detection ${secs(e.detectionSeconds)} (${e.detectionBasis}) + orchestration ${secs(e.orchestrationSeconds)}` +
        ` + promotion ${secs(e.promotionSeconds)} (documented ${TIMING_MODEL.promotion.seconds} s, seen at the next poll) + DNS ${secs(e.dnsSeconds)} (${e.dnsBasis})`,
    );
  } else {
    out.push('  RTO estimate: none (no recovery in this scenario)');
  }
  for (const m of r.mismatches) out.push(`  MISMATCH: ${m}`);
  for (const p of r.problems) out.push(`  PROBLEM: ${p}`);
  return out.join('\n');
}

export function formatTimingModel(): string {
  const rows = Object.entries(TIMING_MODEL).map(([k, t]) => `  ${k.padEnd(26)} ${secs(t.seconds).padStart(8)}  ${t.source}`);
  return ['Timing model (simulated seconds per call, with sources):', ...rows].join('\n');
}
