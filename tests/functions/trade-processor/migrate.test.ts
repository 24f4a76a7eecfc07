// Versioned migrations against a real PostgreSQL database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, loadMigrations, migrate } from '../../../functions/trade-processor/migrate.ts';
import { MIGRATIONS_DIR, createTestDatabase, poolFor, sharedPostgres } from '../support/services.ts';

describe('migrate', () => {
  let pool: pg.Pool;
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
    const first = await migrate(pool, migrations);
    const second = await migrate(pool, migrations);

    // Assess
    expect(first).toEqual(migrations.map((m) => m.version));
    expect(second).toEqual([]);
    const { rows } = await pool.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    expect((await pool.query("SELECT to_regclass('public.trades') AS t")).rows[0].t).toBe('trades');
  });

  it('applies each migration exactly once when two cold starts migrate at the same time', async () => {
    // Prepare
    const migrations = loadMigrations(MIGRATIONS_DIR);

    // Act
    const [a, b] = await Promise.all([migrate(pool, migrations), migrate(pool, migrations)]);

    // Assess
    expect([...a, ...b].sort()).toEqual(migrations.map((m) => m.version));
  });

  it('refuses to continue when an applied migration was edited afterwards', async () => {
    // Prepare
    const migrations = loadMigrations(MIGRATIONS_DIR);
    await migrate(pool, migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'changed' } : m));

    // Act
    const attempt = migrate(pool, edited);

    // Assess
    await expect(attempt).rejects.toThrow(new MigrationError('migration 1 (create_trades) was applied with different content; add a new migration instead of editing it'));
  });

  it('rolls back a failing migration entirely, leaving it pending', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_good.sql'), 'CREATE TABLE a (id int);');
    writeFileSync(join(dir, '002_bad.sql'), 'CREATE TABLE b (id int); SELECT no_such_function();');

    // Act
    const attempt = migrate(pool, loadMigrations(dir));

    // Assess
    await expect(attempt).rejects.toThrow(/no_such_function/);
    expect((await pool.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
    expect((await pool.query("SELECT to_regclass('public.b') AS t")).rows[0].t).toBeNull();
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
