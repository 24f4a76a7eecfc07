// Versioned migrations against a real PostgreSQL database (the schema step of the db-migrator).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, loadMigrations, migrateSchema, migrationsDigest } from '../../../functions/db-migrator/migrate.ts';
import { withClient } from '../../../functions/shared/db.ts';
import { MIGRATIONS_DIR, createTestDatabase, poolFor, sharedPostgres } from '../support/services.ts';

describe('migrateSchema', () => {
  let pool: pg.Pool;
  const migrate = (migrations: ReturnType<typeof loadMigrations>) => withClient(pool, (client) => migrateSchema(client, migrations));
  beforeEach(async () => {
    pool = poolFor(sharedPostgres(), await createTestDatabase());
    // Two connections, so two migrations can race for the lock.
    pool.options.max = 2;
  });
  afterEach(async () => {
    await pool.end();
  });

  it('applies every migration once and records it', async () => {
    // Prepare
    const migrations = loadMigrations(MIGRATIONS_DIR);

    // Act
    const first = await migrate(migrations);
    const second = await migrate(migrations);

    // Assess
    expect(first).toEqual(migrations.map((m) => m.version));
    expect(second).toEqual([]);
    const { rows } = await pool.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    expect((await pool.query("SELECT to_regclass('public.trades') AS t")).rows[0].t).toBe('trades');
  });

  it('applies each migration exactly once when two runs migrate at the same time', async () => {
    // Prepare
    const migrations = loadMigrations(MIGRATIONS_DIR);

    // Act
    const [a, b] = await Promise.all([migrate(migrations), migrate(migrations)]);

    // Assess
    expect([...a, ...b].sort()).toEqual(migrations.map((m) => m.version));
  });

  it('refuses to continue when an applied migration was edited afterwards', async () => {
    // Prepare
    const migrations = loadMigrations(MIGRATIONS_DIR);
    await migrate(migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'changed' } : m));

    // Act
    const attempt = migrate(edited);

    // Assess
    await expect(attempt).rejects.toThrow(new MigrationError('migration 1 (create_trades) was applied with different content; add a new migration instead of editing it'));
  });

  it('rolls back the whole run when a migration fails, leaving every migration of it pending', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_good.sql'), 'CREATE TABLE a (id int);');
    writeFileSync(join(dir, '002_bad.sql'), 'CREATE TABLE b (id int); SELECT no_such_function();');

    // Act
    const attempt = migrate(loadMigrations(dir));

    // Assess
    await expect(attempt).rejects.toThrow(new MigrationError('migration 002_bad.sql failed: function no_such_function() does not exist'));
    // One transaction: not even schema_migrations or 001's table survives.
    expect((await pool.query("SELECT to_regclass('public.schema_migrations') AS m, to_regclass('public.a') AS a, to_regclass('public.b') AS b")).rows[0]).toEqual({ m: null, a: null, b: null });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('loadMigrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that does not follow NNN_name.sql', () => {
    // Prepare
    writeFileSync(join(dir, '1_create.sql'), 'SELECT 1;');

    // Act / Assess
    expect(() => loadMigrations(dir)).toThrow('migration file 1_create.sql must be named NNN_lower_snake_name.sql');
  });

  it('refuses two files with the same version', () => {
    // Prepare
    writeFileSync(join(dir, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '001_b.sql'), 'SELECT 2;');

    // Act / Assess
    expect(() => loadMigrations(dir)).toThrow('two migration files have version 001');
  });

  it('loads the files in version order', () => {
    // Prepare
    writeFileSync(join(dir, '010_later.sql'), 'SELECT 10;');
    writeFileSync(join(dir, '002_earlier.sql'), 'SELECT 2;');

    // Act
    const loaded = loadMigrations(dir);

    // Assess
    expect(loaded.map((m) => [m.version, m.name])).toEqual([
      [2, 'earlier'],
      [10, 'later'],
    ]);
  });
});

describe('migrationsDigest', () => {
  it('is the digest Terraform computes: sha256 of the files\' hex sha256s joined in file-name order', () => {
    // Prepare: the regional stack's sha256(join("", [for f in fileset(dir, "*.sql") : filesha256(...)]))
    const dir = fileURLToPath(MIGRATIONS_DIR);
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    const expected = createHash('sha256').update(files.map((f) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')).join('')).digest('hex');

    // Act / Assess
    expect(migrationsDigest(loadMigrations(MIGRATIONS_DIR))).toBe(expected);
  });
});
