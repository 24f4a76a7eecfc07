// The preflight's report: one row per check, the result, and how to fix a failure. Plain text with
// aligned columns; long cells are wrapped inside their column so the table stays readable at 160.
import type { CheckRow } from './check.ts';

const WIDTHS = { check: 34, result: 60, fix: 64 } as const;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

export function formatTable(rows: readonly CheckRow[]): string {
  const cells = rows.map((r) => [wrap(r.check, WIDTHS.check), wrap(`${r.ok ? 'PASS' : 'FAIL'} ${r.result}`, WIDTHS.result), wrap(r.fix || '-', WIDTHS.fix)]);
  const widths = [WIDTHS.check, WIDTHS.result, WIDTHS.fix].map((max, i) => Math.min(max, Math.max(...[['CHECK', 'RESULT', 'HOW TO FIX'][i]!.length, ...cells.flatMap((c) => c[i]!.map((l) => l.length))])));
  const line = (parts: string[]) => parts.map((p, i) => (i === parts.length - 1 ? p : p.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(['CHECK', 'RESULT', 'HOW TO FIX']), line(widths.map((w) => '-'.repeat(w)))];
  for (const c of cells) {
    const height = Math.max(...c.map((col) => col.length));
    for (let i = 0; i < height; i++) out.push(line(c.map((col) => col[i] ?? '')));
  }
  const failed = rows.filter((r) => !r.ok).length;
  out.push('', failed ? `${failed} of ${rows.length} checks failed.` : `All ${rows.length} checks passed.`);
  return `${out.join('\n')}\n`;
}
