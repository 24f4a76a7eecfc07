// plan-lint on plan documents written by others (old formats, deleted resources, nested modules, UTF-16,
// corrupted files): exit 0, 1 or 2 only, a refusal is one line, never a stack trace.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { runPlanLint } from './helpers.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const dir = resolve(repoRoot, '..', 'shared', 'foreign-plans');
const files = existsSync(dir)
  ? readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => join(e.parentPath, e.name))
      .sort()
  : [];

if (files.length === 0) {
  console.warn(`foreign plans: ${dir} is absent, skipping (CI places shared/ beside the clone).`);
}

describe.skipIf(files.length === 0)('foreign plan documents', () => {
  it('finds the whole collection', () => {
    expect(files.length).toBeGreaterThanOrEqual(48);
  });

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))('%s', async (_name, file) => {
    for (const format of ['json', 'sarif']) {
      const r = await runPlanLint([file, '--format', format]);
      expect([0, 1, 2]).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
      if (r.code === 2) {
        expect(r.stdout).toBe('');
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.stderr).toContain(file);
      } else {
        expect(r.stderr).toBe('');
        const out = JSON.parse(r.stdout);
        if (format === 'json') expect(out.summary.failed).toBe(r.code === 1);
      }
    }
  });

  it('holds the contract as a subprocess too (corrupted, UTF-16, old format)', async () => {
    const pick = (part: string) => files.find((f) => f.includes(part));
    const cases = [pick('corrupted'), pick('win_utf16'), pick('mac_utf8'), pick('vpc_endpoint')].filter((f): f is string => !!f);
    expect(cases.length).toBe(4);
    for (const f of cases) {
      const r = await $({ cwd: repoRoot, nothrow: true, quiet: true })`npx tsx tooling/bin/plan-lint.ts ${f} --format json`;
      expect([0, 1, 2]).toContain(r.exitCode);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (r.exitCode === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
      else JSON.parse(r.stdout);
    }
  }, 120_000);
});
