// The reconciliation report: one JSON document for tools and one Markdown page for the people who
// settle each order with the desk. Both are built from the same object; nothing here reads a clock.
import type { Reconciliation } from './compare.ts';
import type { SnapshotOutcome } from './snapshot.ts';

export interface ReportContext {
  env: string;
  region: string;
  generatedAt: string;
  since?: string | undefined;
  sources: { auditBucket: string; sessionsTable: string; database: string };
}

export interface Report extends ReportContext {
  result: Reconciliation;
  snapshot?: SnapshotOutcome | undefined;
}

/** 0: nothing missing; 1: orders missing or conflicting, or the requested snapshot is not secured yet. */
export function exitCodeOf(report: Report): 0 | 1 {
  const snapshotOpen = report.snapshot !== undefined && report.snapshot.status !== 'copied' && report.snapshot.status !== 'already-copied';
  return report.result.missing.length > 0 || report.result.conflicts.length > 0 || snapshotOpen ? 1 : 0;
}

export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const cell = (v: unknown) => (v === undefined || v === '' ? '?' : String(v).replaceAll('|', '\\|'));

export function reportMarkdown(report: Report): string {
  const { result: r } = report;
  const lines: string[] = [];
  lines.push(`# Reconciliation of ${report.env} in ${report.region}`, '');
  lines.push(`Generated ${report.generatedAt}; window: ${report.since ? `orders timestamped from ${report.since}` : 'every order the records hold'}.`, '');
  lines.push('| Source | Read |', '| --- | --- |');
  lines.push(`| Audit trail | s3://${report.sources.auditBucket}/trades/ (${r.counts.audit} orders) |`);
  lines.push(`| Sessions | ${report.sources.sessionsTable} (${r.counts.sessions} sessions in the window; each holds only the user's latest order) |`);
  lines.push(`| Writer | ${report.sources.database} (${r.counts.rows} rows) |`, '');
  lines.push(
    `**${r.missing.length} acknowledged order(s) missing from the writer** out of ${r.counts.acknowledged} the records saw; ` +
      `${r.conflicts.length} conflict(s); ${r.unrecorded.length} row(s) no record saw.`,
    '',
  );

  lines.push('## Missing from the writer', '');
  if (r.missing.length === 0) lines.push('None: every order the audit trail and the sessions saw is committed in the writer.', '');
  else {
    lines.push('| orderId | userId | symbol | side | quantity | price | timestamp | seen in |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const m of r.missing) {
      lines.push(`| ${cell(m.orderId)} | ${cell(m.userId)} | ${cell(m.symbol)} | ${cell(m.side)} | ${cell(m.quantity)} | ${cell(m.price)} | ${cell(m.timestamp)} | ${m.seenIn.join(', ')} |`);
    }
    lines.push('', 'What to do, order by order:', '');
    for (const m of r.missing) lines.push(`- **${m.orderId}**${m.clientSubjectDN ? ` (client ${m.clientSubjectDN})` : ''}: ${m.action}`);
    lines.push('');
  }

  if (r.conflicts.length) {
    lines.push('## Rows that contradict their audit record', '');
    for (const c of r.conflicts) lines.push(`- **${c.orderId}**: row sha256 ${c.rowSha256}, audit ${c.auditKey} sha256 ${c.auditSha256}. ${c.action}`);
    lines.push('');
  }

  lines.push('## Rows no record saw (informational)', '');
  if (r.unrecorded.length === 0) lines.push('None.', '');
  else {
    lines.push(
      'Committed in the writer without an audit object or a session pointing at them: usually orders committed while the records were read, or whose audit write is still to be retried.',
      '',
      '| orderId | userId | symbol | side | quantity | price | timestamp |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const u of r.unrecorded) lines.push(`| ${cell(u.orderId)} | ${cell(u.userId)} | ${cell(u.symbol)} | ${cell(u.side)} | ${cell(u.quantity)} | ${cell(u.price)} | ${cell(u.timestamp)} |`);
    lines.push('');
  }

  if (r.unreadable.length) {
    lines.push('## Records that could not be read', '');
    for (const u of r.unreadable) lines.push(`- ${u.where}: ${u.reason}`);
    lines.push('');
  }

  lines.push('## The old primary\'s snapshot', '');
  if (!report.snapshot) {
    lines.push('Not looked for (run with COPY_SNAPSHOT=1). Orders whose audit object and session were not replicated either are visible only in the old primary\'s data.', '');
  } else {
    const s = report.snapshot;
    lines.push(`Lives in ${s.region} (${s.reachable ? 'reachable' : 'not reachable from this run'}); status: **${s.status}**.`, '');
    for (const i of s.instructions) lines.push(`- ${i}`);
    lines.push('');
  }
  lines.push(
    'Limits: an order whose audit object and session update were both still unreplicated when the old primary was lost appears in none of these records; only the old primary\'s snapshot and the clients\' records hold it.',
    '',
  );
  return lines.join('\n');
}
