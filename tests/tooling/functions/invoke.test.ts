// `npm run invoke`: the built bundle against local services, as a person runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../../tooling/functions/bundle.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const run = promisify(execFile);
const MIXED = 'functions/trade-processor/events/mixed-batch.json';
const MALFORMED = ['03', '04', '05', '06', '09'].map((n) => `0e0c5a7e-0000-4000-8000-0000000000${n}`);

async function invoke(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'tooling/bin/invoke.ts', ...args], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** stdout holds one pretty-printed JSON document per result; each starts at the beginning of a line. */
function documents(stdout: string): unknown[] {
  return stdout
    .trim()
    .split(/\n(?=\{)/)
    .map((d) => JSON.parse(d));
}

describe('invoke', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'invoke-'));
  beforeAll(async () => {
    await bundleFunction('trade-processor');
    await bundleFunction('health');
  }, 120_000);
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reports exactly the malformed records of the mixed batch, and the effects of the distinct valid orders', async () => {
    // Act
    const { code, stdout } = await invoke('trade-processor', '--event', MIXED, '--report');

    // Assess
    expect(code).toBe(0);
    const [result, report] = documents(stdout) as [{ batchItemFailures: { itemIdentifier: string }[] }, unknown];
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(MALFORMED);
    expect(report).toEqual({ tradesInDb: 4, sessions: 3, auditObjects: 4 });
  });

  it('leaves the effects unchanged when the same event runs three times', async () => {
    // Act
    const { code, stdout } = await invoke('trade-processor', '--event', MIXED, '--report', '--repeat', '3');

    // Assess
    expect(code).toBe(0);
    const docs = documents(stdout);
    expect(docs).toHaveLength(4);
    for (const result of docs.slice(0, 3) as { batchItemFailures: { itemIdentifier: string }[] }[]) {
      expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(MALFORMED);
    }
    expect(docs[3]).toEqual({ tradesInDb: 4, sessions: 3, auditObjects: 4 });
  });

  it('answers the health route with 200 when the local region serves', async () => {
    // Act
    const { code, stdout } = await invoke('health', '--event', 'functions/health/events/get-health.json');

    // Assess
    expect(code).toBe(0);
    const [response] = documents(stdout) as [{ statusCode: number; body: string }];
    expect(response.statusCode).toBe(200);
    // The public body: the status and each check with ok or failed (no region, endpoints or details).
    expect(JSON.parse(response.body)).toEqual({
      status: 'healthy',
      checks: ['serving-flag', 'writer', 'sessions-table', 'trade-queue'].map((name) => ({ name, result: 'ok' })),
    });
  });

  it.each([
    ['an unknown function', ['nope', '--event', MIXED], /^invoke: error: unknown function "nope": use one of .*trade-processor/],
    ['a missing event file', ['trade-processor', '--event', 'no/such/file.json'], /^invoke: error: event file no\/such\/file\.json does not exist$/],
    ['no --event', ['trade-processor'], /^invoke: error: --event <file\.json> is required\. usage: /],
    ['a bad --repeat', ['trade-processor', '--event', MIXED, '--repeat', '0'], /^invoke: error: --repeat needs a whole number from 1 to 100, got 0\.$/],
  ])('refuses %s with one line and exit code 2', async (_case, args, message) => {
    // Act
    const { code, stdout, stderr } = await invoke(...args);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  it('refuses an event file that is not JSON with one line and exit code 2', async () => {
    // Prepare
    const file = join(scratch, 'bad.json');
    writeFileSync(file, '{"Records": [');

    // Act
    const { code, stderr } = await invoke('trade-processor', '--event', file);

    // Assess
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(new RegExp(`^invoke: error: event file ${file} is not valid JSON: `));
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
