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

describe('migration 002: the caller of each trade', () => {
  let pool: pg.Pool;
  const migrations = loadMigrations(MIGRATIONS_DIR);
  const migrate = (list: ReturnType<typeof loadMigrations>) => withClient(pool, (client) => migrateSchema(client, list));
  const insert = (orderId: string, subject: string | null, issuer: string | null) =>
    pool.query(
      `INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id, client_subject_dn, client_issuer_dn)
       VALUES ($1, 'desk-7', 'AAPL', 'BUY', 1, 2, now(), 'x', 'm', $2, $3)`,
      [orderId, subject, issuer],
    );
  beforeEach(async () => {
    pool = poolFor(sharedPostgres(), await createTestDatabase());
  });
  afterEach(async () => {
    await pool.end();
  });

  it('applies on top of a database holding trades: existing rows keep NULL callers, new rows carry both', async () => {
    // Prepare: the schema as it was before 002, with a trade in it
    await migrate(migrations.filter((m) => m.version === 1));
    await pool.query(
      "INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id) VALUES ('ORD-OLD', 'desk-7', 'AAPL', 'BUY', 1, 2, now(), 'x', 'm')",
    );

    // Act
    const applied = await migrate(migrations);
    await insert('ORD-NEW', 'CN=desk-7,O=Example', 'CN=Trading API client CA');

    // Assess
    expect(applied).toEqual([2]);
    const { rows } = await pool.query('SELECT order_id, client_subject_dn, client_issuer_dn FROM trades ORDER BY order_id');
    expect(rows).toEqual([
      { order_id: 'ORD-NEW', client_subject_dn: 'CN=desk-7,O=Example', client_issuer_dn: 'CN=Trading API client CA' },
      { order_id: 'ORD-OLD', client_subject_dn: null, client_issuer_dn: null },
    ]);
  });

  it('refuses a row with a subject but no issuer, or the other way round', async () => {
    // Prepare
    await migrate(migrations);

    // Act
    const attempts = await Promise.all(
      [insert('ORD-1', 'CN=desk-7', null), insert('ORD-2', null, 'CN=Trading API client CA')].map((p) =>
        p.then(
          () => 'inserted',
          (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
        ),
      ),
    );

    // Assess
    expect(attempts).toEqual(['23514 trades_client_identity_complete', '23514 trades_client_identity_complete']);
  });

  it('is idempotent: a second run applies nothing, and running its SQL again changes nothing', async () => {
    // Prepare
    await migrate(migrations);
    const shape = async () =>
      (
        await pool.query(
          `SELECT (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'trades' AND column_name LIKE 'client_%') AS columns,
                  (SELECT count(*)::int FROM pg_constraint WHERE conname = 'trades_client_identity_complete') AS constraints`,
        )
      ).rows[0];
    const before = await shape();

    // Act
    const again = await migrate(migrations);
    await pool.query(migrations.find((m) => m.version === 2)!.sql);

    // Assess
    expect(before).toEqual({ columns: 2, constraints: 1 });
    expect(again).toEqual([]);
    expect(await shape()).toEqual(before);
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
