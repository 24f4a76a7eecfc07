// The db-migrator against a real PostgreSQL server: the schema and the functions' users in one
// transaction, idempotent over repeated runs, and a processor user that can record trades but cannot
// change the schema. Aurora's rds_iam role has a stand-in here (IAM authentication has no local
// equivalent); users are cluster-wide in PostgreSQL, so every test names its own (the suite's server
// and its users go away at teardown).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../functions/db-migrator/config.ts';
import { MigratorInputError, runMigrator, type MigratorClient, type MigratorDeps, type MigratorReport } from '../../../functions/db-migrator/core.ts';
import { MigrationError, loadMigrations, migrationsDigest, type Migration } from '../../../functions/db-migrator/migrate.ts';
import { ConfigError, loadConfig } from '../../../functions/shared/config.ts';
import { writerRole } from '../../../functions/shared/writer.ts';
import { MIGRATIONS_DIR, createTestDatabase, sharedPostgres, type PgServer } from '../support/services.ts';

type Migrated = Extract<MigratorReport, { status: 'migrated' }>;

async function asUser<T>(server: PgServer, database: string, user: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: server.host, port: server.port, user, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE and message of a statement that must fail. */
async function refusal(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
  return 'succeeded';
}

describe('db-migrator', () => {
  const server = sharedPostgres();
  const migrations = loadMigrations(MIGRATIONS_DIR);
  let database: string;
  let processor: string;
  let health: string;
  let connections: number;
  let logged: { message: string; extra: Record<string, unknown> }[];

  const deps = (overrides: Partial<MigratorDeps> = {}): MigratorDeps => ({
    connect: async () => {
      connections++;
      const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
      await client.connect();
      return client as unknown as MigratorClient;
    },
    migrations,
    settings: { database, processorUser: processor, healthUser: health },
    logger: { info: (message, extra) => logged.push({ message, extra }) },
    ...overrides,
  });

  beforeAll(async () => {
    // The stand-in for Aurora's rds_iam; another test file may create it at the same moment.
    await asUser(server, 'postgres', server.user, (c) =>
      c.query("DO $$ BEGIN CREATE ROLE rds_iam; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"));
  });

  beforeEach(async () => {
    database = await createTestDatabase(server);
    const id = randomUUID().replaceAll('-', '').slice(0, 12);
    processor = `tp_${id}`;
    health = `hc_${id}`;
    connections = 0;
    logged = [];
  });

  it('applies the schema and makes both users on the first run, and changes nothing on the second', async () => {
    // Act
    const first = (await runMigrator({ apply: true, migrationsSha256: migrationsDigest(migrations) }, deps())) as Migrated;
    const second = (await runMigrator({ apply: true, migrationsSha256: migrationsDigest(migrations) }, deps())) as Migrated;
    const third = (await runMigrator({ apply: true }, deps())) as Migrated;

    // Assess
    expect(first).toMatchObject({ status: 'migrated', database, applied: [1, 2], alreadyApplied: [], unchanged: false });
    expect(first.users[processor]).toEqual({
      created: [processor],
      granted: [`GRANT rds_iam TO ${processor}`, `GRANT SELECT ON TABLE trades TO ${processor}`, `GRANT INSERT ON TABLE trades TO ${processor}`],
      revoked: [],
    });
    expect(first.users[health]).toEqual({ created: [health], granted: [`GRANT rds_iam TO ${health}`], revoked: [] });
    for (const run of [second, third]) {
      expect(run).toEqual({
        status: 'migrated',
        database,
        migrationsSha256: migrationsDigest(migrations),
        applied: [],
        alreadyApplied: [1, 2],
        users: { [processor]: { created: [], granted: [], revoked: [] }, [health]: { created: [], granted: [], revoked: [] } },
        unchanged: true,
      });
    }
    expect(logged.map((l) => l.message)).toEqual(['database migrated', 'database already up to date', 'database already up to date']);
    const members = await asUser(server, database, server.user, (c) =>
      c.query<{ rolname: string }>("SELECT u.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = 'rds_iam' AND u.rolname = ANY($1) ORDER BY 1", [[processor, health]]));
    expect(members.rows.map((r) => r.rolname)).toEqual([health, processor].sort());
  });

  it('lets the processor\'s user insert and read trades, and nothing else', async () => {
    // Prepare
    await runMigrator({ apply: true }, deps());

    // Act
    const outcome = await asUser(server, database, processor, async (c) => {
      const inserted = await c.query(
        "INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id) VALUES ('ORD-1', 'u', 'AAPL', 'BUY', 1, 2, now(), 'x', 'm') ON CONFLICT (order_id) DO NOTHING RETURNING order_id",
      );
      const again = await c.query(
        "INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id) VALUES ('ORD-1', 'u', 'AAPL', 'BUY', 1, 2, now(), 'x', 'm') ON CONFLICT (order_id) DO NOTHING RETURNING order_id",
      );
      // The processor's insert names the caller's columns (migration 002); INSERT on the table covers them.
      const withCaller = await c.query(
        "INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id, client_subject_dn, client_issuer_dn) VALUES ('ORD-2', 'u', 'AAPL', 'BUY', 1, 2, now(), 'y', 'm2', 'CN=u', 'CN=ca') ON CONFLICT (order_id) DO NOTHING RETURNING order_id",
      );
      const read = await c.query('SELECT order_id, payload_sha256 FROM trades ORDER BY order_id');
      const refused = {
        create: await refusal(c, 'CREATE TABLE evil (id int)'),
        createSchema: await refusal(c, 'CREATE SCHEMA evil'),
        alter: await refusal(c, 'ALTER TABLE trades ADD COLUMN evil int'),
        drop: await refusal(c, 'DROP TABLE trades'),
        truncate: await refusal(c, 'TRUNCATE trades'),
        delete: await refusal(c, 'DELETE FROM trades'),
        update: await refusal(c, "UPDATE trades SET symbol = 'X'"),
        // Nobody rewrites who placed an order.
        updateCaller: await refusal(c, "UPDATE trades SET client_subject_dn = 'CN=someone-else' WHERE order_id = 'ORD-2'"),
        deleteCaller: await refusal(c, "DELETE FROM trades WHERE client_subject_dn = 'CN=u'"),
        upsert: await refusal(c, "INSERT INTO trades (order_id, user_id, symbol, side, quantity, price, ordered_at, payload_sha256, source_message_id) VALUES ('ORD-1', 'u', 'AAPL', 'BUY', 1, 2, now(), 'x', 'm') ON CONFLICT (order_id) DO UPDATE SET symbol = 'X'"),
        index: await refusal(c, 'CREATE INDEX evil ON trades (symbol)'),
        migrations: await refusal(c, 'SELECT * FROM schema_migrations'),
      };
      return { inserted: inserted.rows, again: again.rows, withCaller: withCaller.rows, read: read.rows, refused };
    });

    // Assess
    expect(outcome.inserted).toEqual([{ order_id: 'ORD-1' }]);
    expect(outcome.again).toEqual([]);
    expect(outcome.withCaller).toEqual([{ order_id: 'ORD-2' }]);
    expect(outcome.read).toEqual([
      { order_id: 'ORD-1', payload_sha256: 'x' },
      { order_id: 'ORD-2', payload_sha256: 'y' },
    ]);
    expect(outcome.refused).toEqual({
      create: '42501: permission denied for schema public',
      createSchema: `42501: permission denied for database ${database}`,
      alter: '42501: must be owner of table trades',
      drop: '42501: must be owner of table trades',
      truncate: '42501: permission denied for table trades',
      delete: '42501: permission denied for table trades',
      update: '42501: permission denied for table trades',
      updateCaller: '42501: permission denied for table trades',
      deleteCaller: '42501: permission denied for table trades',
      upsert: '42501: permission denied for table trades',
      index: '42501: must be owner of table trades',
      migrations: '42501: permission denied for table schema_migrations',
    });
  });

  it('gives the health check\'s user a connection that answers the writer query and reads no table', async () => {
    // Prepare
    await runMigrator({ apply: true }, deps());

    // Act
    const outcome = await asUser(server, database, health, async (c) => ({
      role: await writerRole(c),
      trades: await refusal(c, 'SELECT * FROM trades'),
      insert: await refusal(c, "INSERT INTO trades (order_id) VALUES ('x')"),
    }));

    // Assess
    expect(outcome).toEqual({
      role: { writer: true },
      trades: '42501: permission denied for table trades',
      insert: '42501: permission denied for table trades',
    });
  });

  it('takes back what a hand-made bootstrap granted: CREATE on the schema and table privileges beyond the list', async () => {
    // Prepare: the README's old manual bootstrap, plus a stray DELETE.
    await runMigrator({ apply: true }, deps());
    await asUser(server, database, server.user, async (c) => {
      await c.query(`GRANT USAGE, CREATE ON SCHEMA public TO "${processor}"`);
      await c.query(`GRANT DELETE, UPDATE ON trades TO "${processor}"`);
      await c.query(`GRANT SELECT ON trades TO "${health}"`);
    });

    // Act
    const run = (await runMigrator({ apply: true }, deps())) as Migrated;
    const rerun = (await runMigrator({ apply: true }, deps())) as Migrated;

    // Assess
    expect(run.users[processor]!.revoked).toEqual([
      `REVOKE CREATE ON SCHEMA public FROM ${processor}`,
      `REVOKE UPDATE ON TABLE trades FROM ${processor}`,
      `REVOKE DELETE ON TABLE trades FROM ${processor}`,
    ]);
    expect(run.users[health]!.revoked).toEqual([`REVOKE SELECT ON TABLE trades FROM ${health}`]);
    expect(rerun.unchanged).toBe(true);
    expect(await asUser(server, database, processor, (c) => refusal(c, 'DELETE FROM trades'))).toBe('42501: permission denied for table trades');
  });

  it('rolls the whole run back when a migration fails: no table, no migration record, no user', async () => {
    // Prepare: the shipped migrations, then one that fails half-way.
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '099_bad.sql'), 'CREATE TABLE b (id int);\nSELECT no_such_function();');
    const withBad: Migration[] = [...migrations, ...loadMigrations(dir)];
    rmSync(dir, { recursive: true, force: true });

    // Act
    const attempt = runMigrator({ apply: true }, deps({ migrations: withBad }));

    // Assess
    await expect(attempt).rejects.toThrow(new MigrationError('migration 099_bad.sql failed: function no_such_function() does not exist'));
    const state = await asUser(server, database, server.user, (c) =>
      c.query("SELECT to_regclass('public.trades')::text AS trades, to_regclass('public.b')::text AS b, to_regclass('public.schema_migrations')::text AS m, (SELECT count(*)::int FROM pg_roles WHERE rolname = ANY($1)) AS users", [[processor, health]]));
    expect(state.rows[0]).toEqual({ trades: null, b: null, m: null, users: 0 });

    // A fixed set of migrations then applies from the start.
    const fixed = (await runMigrator({ apply: true }, deps())) as Migrated;
    expect(fixed.applied).toEqual([1, 2]);
  });

  it('serialises two runs at once with the advisory lock: each migration is applied once', async () => {
    // Act
    const [a, b] = (await Promise.all([runMigrator({ apply: true }, deps()), runMigrator({ apply: true }, deps())])) as Migrated[];

    // Assess
    expect([...a!.applied, ...b!.applied].sort()).toEqual([1, 2]);
    expect([a!.unchanged, b!.unchanged].sort()).toEqual([false, true]);
  });

  it('does not connect when apply is false (the secondary region\'s read-only member)', async () => {
    // Act
    const report = await runMigrator({ apply: false, migrationsSha256: migrationsDigest(migrations) }, deps());

    // Assess
    expect(report).toMatchObject({ status: 'skipped', migrationsSha256: migrationsDigest(migrations) });
    expect(connections).toBe(0);
  });

  it('refuses an invocation whose digest is not that of the shipped migrations, before connecting', async () => {
    // Act
    const attempt = runMigrator({ apply: true, migrationsSha256: '0'.repeat(64) }, deps());

    // Assess
    await expect(attempt).rejects.toThrow(MigratorInputError);
    await expect(attempt).rejects.toThrow(/is not the digest of the migrations shipped in this function/);
    expect(connections).toBe(0);
  });

  it('refuses a malformed input with one message naming the fields', async () => {
    // Act
    const attempt = runMigrator({ apply: 'yes', extra: 1 }, deps());

    // Assess
    await expect(attempt).rejects.toThrow(
      new MigratorInputError('Invalid migrator input: apply: must be true or false; unknown field(s) extra (expected {"apply": true|false, "migrationsSha256": "<hex>"})'),
    );
  });

  it('refuses to manage a superuser as a function\'s user', async () => {
    // Act
    const attempt = runMigrator({ apply: true }, deps({ settings: { database, processorUser: server.user, healthUser: health } }));

    // Assess
    await expect(attempt).rejects.toThrow(`database user ${server.user} is a superuser: refusing to manage it as a function's user`);
  });
});

describe('db-migrator configuration', () => {
  const good = {
    AWS_REGION: 'us-east-1',
    DB_HOST: 'cluster.example.internal',
    DB_PORT: '5432',
    DB_NAME: 'trading',
    DB_MASTER_USER: 'trading_admin',
    DB_AUTH: 'parameter',
    DB_MASTER_PASSWORD_PARAMETER: '/trading/dev/us-east-1/db-master-password',
    DB_SSL: 'true',
    PROCESSOR_DB_USER: 'trade_processor',
    HEALTH_DB_USER: 'health_check',
  };

  it('reads a complete environment', () => {
    expect(loadConfig(configSchema, good)).toMatchObject({ DB_PORT: 5432, DB_SSL: true, STATEMENT_TIMEOUT_MS: 240_000 });
  });

  it('stops a bad configuration with one line naming every bad variable', () => {
    // Act
    const attempt = () => loadConfig(configSchema, { ...good, DB_HOST: undefined, DB_PORT: '99999', PROCESSOR_DB_USER: 'Trade-Processor' });

    // Assess
    expect(attempt).toThrow(ConfigError);
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toBe(
      'Invalid function configuration: DB_HOST is not set; DB_PORT: must be at most 65535; PROCESSOR_DB_USER: must be a PostgreSQL user name: a lower-case letter or _, then up to 62 lower-case letters, digits or _',
    );
  });

  it('needs the password parameter in AWS', () => {
    expect(() => loadConfig(configSchema, { ...good, DB_MASTER_PASSWORD_PARAMETER: undefined })).toThrow(
      'Invalid function configuration: DB_MASTER_PASSWORD_PARAMETER: is required when DB_AUTH is "parameter"',
    );
  });

  it('refuses the same user in two roles', () => {
    expect(() => loadConfig(configSchema, { ...good, HEALTH_DB_USER: 'trade_processor' })).toThrow(
      'Invalid function configuration: PROCESSOR_DB_USER: DB_MASTER_USER, PROCESSOR_DB_USER and HEALTH_DB_USER must be three different users',
    );
  });
});
