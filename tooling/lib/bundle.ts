// Deterministic Lambda bundles: esbuild output zipped with fixed timestamps, modes and entry order,
// so the same sources give byte-identical zips on any machine and in any time zone.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import JSZip from 'jszip';
import { repoRoot } from './terraform.ts';

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));

export interface BundleResult {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

export function functionNames(): string[] {
  const dir = join(repoRoot, 'functions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'handler.ts')))
    .map((d) => d.name)
    .sort();
}

export async function zipDeterministic(files: Record<string, Uint8Array | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const name of Object.keys(files).sort()) {
    zip.file(name, files[name]!, { date: FIXED_DATE, unixPermissions: 0o644, createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export async function bundleFunction(name: string, outDir = join(repoRoot, 'build', 'functions')): Promise<BundleResult> {
  const result = await build({
    entryPoints: [join(repoRoot, 'functions', name, 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    outfile: join(outDir, name, 'index.mjs'),
    write: false,
    legalComments: 'none',
    // ESM bundles of CommonJS dependencies need a real `require`.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'error',
  });
  const files: Record<string, Uint8Array> = {};
  for (const f of result.outputFiles) files[f.path.endsWith('.map') ? 'index.mjs.map' : 'index.mjs'] = f.contents;
  const zip = await zipDeterministic(files);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${name}.zip`);
  writeFileSync(path, zip);
  return { name, path, bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') };
}

export async function buildAll(): Promise<BundleResult[]> {
  const out: BundleResult[] = [];
  for (const name of functionNames()) out.push(await bundleFunction(name));
  return out;
}
