// Deterministic Lambda bundles: esbuild output zipped with fixed timestamps, modes and entry order,
// so the same sources give byte-identical zips on any machine, in any time zone and any output dir.
//
// Every functions/<name>/handler.ts is a function. Its zip holds index.mjs (export `handler`, so the
// Lambda handler is "index.handler"), index.mjs.map, and the function's migrations/*.sql if it has any.
// @aws-sdk/* is bundled, not left to the runtime: see docs/decisions/001-bundling-aws-sdk.md.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type BuildOptions, type BuildResult } from 'esbuild';
import JSZip from 'jszip';
import { filterSourceMap, type SourceMapV3 } from './sourcemap.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));

/** Lambda's limit for a direct upload is 50 MB; ours is far lower to keep cold starts short. */
export const MAX_ZIP_BYTES = 1024 * 1024;

export interface BundleResult {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

export function functionsDir(): string {
  return join(repoRoot, 'functions');
}

export function functionNames(): string[] {
  const dir = functionsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'handler.ts')))
    .map((d) => d.name)
    .sort();
}

export function defaultOutDir(): string {
  return join(repoRoot, 'build', 'functions');
}

export async function zipDeterministic(files: Record<string, Uint8Array | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const name of Object.keys(files).sort()) {
    zip.file(name, files[name]!, { date: FIXED_DATE, unixPermissions: 0o644, createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The files of one function's zip, keyed by their path inside the zip. */
export async function bundleFiles(name: string): Promise<Record<string, Uint8Array>> {
  const fnDir = join(functionsDir(), name);
  const options = {
    absWorkingDir: repoRoot,
    entryPoints: [join(fnDir, 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    // Never written (write: false). A fixed path keeps the source map's relative paths, and so the
    // zip bytes, independent of where the zip is written.
    outfile: join(repoRoot, 'build', 'functions', name, 'index.mjs'),
    write: false,
    legalComments: 'none',
    // pg loads its optional native binding only when asked to; it is not installed.
    external: ['pg-native'],
    // ESM bundles of CommonJS dependencies need a real `require` for Node built-ins.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'silent',
  } satisfies BuildOptions;
  let result: BuildResult<typeof options>;
  try {
    result = await build(options);
  } catch (error) {
    // A build failure is a problem in the sources: name the file and line, not esbuild's stack.
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new UserError(`cannot bundle ${name}: ${where}${first.text}`);
  }
  const files: Record<string, Uint8Array> = {};
  for (const f of result.outputFiles) {
    if (f.path.endsWith('.map')) {
      // Only the project's own sources stay mapped (see sourcemap.ts); that halves the zip.
      const map = filterSourceMap(JSON.parse(f.text) as SourceMapV3, (source) => !source.includes('node_modules/'));
      // Sources named from the repository root (functions/<name>/core.ts), as a reader expects.
      map.sources = map.sources.map((source) => relative(repoRoot, resolve(dirname(f.path), source)));
      files['index.mjs.map'] = Buffer.from(JSON.stringify(map));
    } else {
      files['index.mjs'] = f.contents;
    }
  }
  // SQL migrations ship beside index.mjs; the function reads them from new URL('./migrations/', import.meta.url).
  const migrationsDir = join(fnDir, 'migrations');
  if (existsSync(migrationsDir)) {
    for (const file of readdirSync(migrationsDir).sort()) {
      if (file.endsWith('.sql')) files[`migrations/${file}`] = readFileSync(join(migrationsDir, file));
    }
  }
  return files;
}

export async function bundleFunction(name: string, outDir = defaultOutDir()): Promise<BundleResult> {
  const zip = await zipDeterministic(await bundleFiles(name));
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${name}.zip`);
  writeFileSync(path, zip);
  return { name, path, bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') };
}

export async function buildAll(outDir = defaultOutDir()): Promise<BundleResult[]> {
  const out: BundleResult[] = [];
  for (const name of functionNames()) out.push(await bundleFunction(name, outDir));
  return out;
}
