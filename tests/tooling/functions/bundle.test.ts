// The function zips: reproducible to the byte, small, complete, and free of machine paths.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ZIP_BYTES, buildAll, functionNames, type BundleResult } from '../../../tooling/functions/bundle.ts';
import { filterSourceMap, type SourceMapV3 } from '../../../tooling/functions/sourcemap.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const OURS = ['db-migrator', 'failover-validator', 'health', 'trade-processor'];

/** Node's own source-map consumer, the one --enable-source-maps uses. */
const consume = (map: SourceMapV3) => new SourceMap({ file: 'index.mjs', sourceRoot: '', sourcesContent: [], ...map } as SourceMapPayload);

describe('function bundles', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'bundle-a-')), mkdtempSync(join(tmpdir(), 'bundle-b-'))];
  let first: BundleResult[];
  let second: BundleResult[];
  beforeAll(async () => {
    first = await buildAll(dirs[0]);
    second = await buildAll(dirs[1]);
  }, 180_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function entries(name: string) {
    return JSZip.loadAsync(readFileSync(join(dirs[0]!, `${name}.zip`)));
  }

  it('finds every functions/<name>/handler.ts', () => {
    // Act
    const names = functionNames();

    // Assess
    expect(names).toEqual(expect.arrayContaining(OURS));
    expect(names).not.toContain('shared');
    expect(first.map((r) => r.name)).toEqual(names);
  });

  it('gives byte-identical zips when built twice into different directories', () => {
    // Act
    const hashes = (results: BundleResult[]) => results.map((r) => [r.name, createHash('sha256').update(readFileSync(r.path)).digest('hex')]);

    // Assess
    expect(hashes(second)).toEqual(hashes(first));
    expect(first.map((r) => r.sha256)).toEqual(hashes(first).map(([, h]) => h));
  });

  it.each(OURS)('keeps %s under 1 MB', (name) => {
    // Act
    const result = first.find((r) => r.name === name)!;

    // Assess
    expect(result.bytes).toBeLessThan(MAX_ZIP_BYTES);
  });

  it('stores sorted entries with a fixed date and mode', async () => {
    // Act
    const zip = await entries('db-migrator');

    // Assess
    const files = Object.values(zip.files);
    expect(files.map((f) => f.name)).toEqual(['index.mjs', 'index.mjs.map', 'migrations/001_create_trades.sql', 'migrations/002_trades_client_identity.sql']);
    // The migrations ship with the migrator only: the trade processor cannot change the schema.
    expect(Object.keys((await entries('trade-processor')).files)).toEqual(['index.mjs', 'index.mjs.map']);
    expect(new Set(files.map((f) => f.date.toISOString()))).toEqual(new Set(['2020-01-01T00:00:00.000Z']));
    expect(new Set(files.map((f) => (f.unixPermissions as number) & 0o777))).toEqual(new Set([0o644]));
  });

  it('ships the migrations byte for byte', async () => {
    // Act
    const zip = await entries('db-migrator');

    // Assess
    const shipped = await zip.file('migrations/001_create_trades.sql')!.async('string');
    expect(shipped).toBe(readFileSync(join(repoRoot, 'functions/db-migrator/migrations/001_create_trades.sql'), 'utf8'));
  });

  it.each(OURS)('bundles %s with the SDK inside and no path of this machine', async (name) => {
    // Act
    const zip = await entries(name);
    const code = await zip.file('index.mjs')!.async('string');
    const map = await zip.file('index.mjs.map')!.async('string');

    // Assess: no import of @aws-sdk is left for the runtime to resolve
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).not.toMatch(/import\(\s*["']@aws-sdk\//);
    expect(code).toMatch(/export\s*\{[^}]*\bas handler\b/);
    expect(code).not.toContain(repoRoot);
    expect(map).not.toContain(repoRoot);
  });

  it('maps the project code of a bundle back to its source file and nothing else', async () => {
    // Prepare
    const zip = await entries('trade-processor');
    const code = await zip.file('index.mjs')!.async('string');
    const raw = JSON.parse(await zip.file('index.mjs.map')!.async('string')) as SourceMapV3;
    const map = consume(raw);
    const lines = code.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return map.findEntry(line, lines[line]!.indexOf(needle));
    };

    // Act
    const ours = at('trade batch processed');
    const sdk = at('No application metrics to publish');

    // Assess
    expect(ours).toMatchObject({ originalSource: 'functions/trade-processor/core.ts' });
    expect((sdk as { originalSource?: string }).originalSource).toBeUndefined();
    expect(raw.sources.every((s) => s.startsWith('functions/'))).toBe(true);
  });
});

describe('filterSourceMap', () => {
  // Generated line 0: [col 0 -> a.js 0:0] [col 5 -> dep.js 3:1] [col 9 -> a.js 4:4]
  // Encoded with relative fields: "AAAA" (0,0,0,0), "KCGC" (+5,+1,+3,+1), "IDCG" (+4,-1,+1,+3)
  const map: SourceMapV3 = { version: 3, sources: ['a.js', 'node_modules/dep.js'], names: [], mappings: 'AAAA,KCGC,IDCG' };

  it('drops the segments of unwanted sources and ends the kept range where they start', () => {
    // Act
    const filtered = filterSourceMap(map, (s) => !s.includes('node_modules/'));
    const consumer = consume(filtered);

    // Assess
    expect(filtered.sources).toEqual(['a.js']);
    expect(consumer.findEntry(0, 0)).toMatchObject({ originalSource: 'a.js', originalLine: 0, originalColumn: 0 });
    expect((consumer.findEntry(0, 6) as { originalSource?: string }).originalSource).toBeUndefined();
    expect(consumer.findEntry(0, 9)).toMatchObject({ originalSource: 'a.js', originalLine: 4, originalColumn: 4 });
  });

  it('keeps every mapping when every source is wanted', () => {
    // Act
    const filtered = filterSourceMap(map, () => true);
    const before = consume(map);
    const after = consume(filtered);

    // Assess
    for (const col of [0, 5, 9]) expect(after.findEntry(0, col)).toEqual(before.findEntry(0, col));
  });
});
