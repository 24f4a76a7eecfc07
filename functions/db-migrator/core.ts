// The migrator's one run, in one transaction under one advisory lock: apply the pending schema
// migrations, then bring the functions' database users to exactly the privileges access.ts lists.
// Anything that fails rolls the whole run back (no half-applied migration, no half-made user), and
// the error reaches Terraform's aws_lambda_invocation, which fails the apply.
import * as z from 'zod';
import { ensureUser, HEALTH_ACCESS, PROCESSOR_ACCESS, type AccessChanges, type UserAccess } from './access.ts';
import { applyMigrations, MIGRATION_LOCK_KEY, migrationsDigest, type Migration, type SqlClient } from './migrate.ts';

/** The invocation input (modules/regional-stack/migrator.tf). */
const inputSchema = z.strictObject({
  // false in the region that starts as the secondary: its cluster is a read-only member of the same
  // database, which the writer region migrates.
  apply: z.boolean('must be true or false'),
  // Digest of the migrations Terraform saw; when given it must equal the shipped migrations'.
  migrationsSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lower-case hex').optional(),
});

export class MigratorInputError extends Error {
  override name = 'MigratorInputError';
}

export interface MigratorClient extends SqlClient {
  end(): Promise<void>;
}

export interface LogSink {
  info(message: string, extra: Record<string, unknown>): void;
}

export interface MigratorSettings {
  database: string;
  processorUser: string;
  healthUser: string;
}

export interface MigratorDeps {
  /** A new connection as the master user (the handler reads the password at run time). */
  connect(): Promise<MigratorClient>;
  migrations: readonly Migration[];
  settings: MigratorSettings;
  logger: LogSink;
  /** Overrides for tests: the users and what they may do. */
  access?: { processor: UserAccess; health: UserAccess };
}

export type MigratorReport =
  | { status: 'skipped'; reason: string; migrationsSha256: string }
  | {
      status: 'migrated';
      database: string;
      migrationsSha256: string;
      /** Versions applied by this run, and those found applied before it. */
      applied: number[];
      alreadyApplied: number[];
      users: Record<string, AccessChanges>;
      /** True when this run changed nothing at all. */
      unchanged: boolean;
    };

export function parseInput(event: unknown): z.infer<typeof inputSchema> {
  const parsed = inputSchema.safeParse(event);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : `${i.path.join('.') || 'input'}: ${i.message}`));
  throw new MigratorInputError(`Invalid migrator input: ${problems.join('; ')} (expected {"apply": true|false, "migrationsSha256": "<hex>"})`);
}

export async function runMigrator(event: unknown, deps: MigratorDeps): Promise<MigratorReport> {
  const input = parseInput(event);
  const shipped = migrationsDigest(deps.migrations);
  if (input.migrationsSha256 !== undefined && input.migrationsSha256 !== shipped) {
    throw new MigratorInputError(
      `the invocation's migrationsSha256 ${input.migrationsSha256} is not the digest of the migrations shipped in this function (${shipped}): ` +
        'the deployed bundle is not the one built from the planned sources; rebuild (make build) and apply again',
    );
  }
  if (!input.apply) {
    const report: MigratorReport = { status: 'skipped', reason: 'apply is false: this region\'s cluster is a read-only member of the global database, which the writer region migrates', migrationsSha256: shipped };
    deps.logger.info('migrator skipped', report);
    return report;
  }

  const { database, processorUser, healthUser } = deps.settings;
  const access = deps.access ?? { processor: PROCESSOR_ACCESS, health: HEALTH_ACCESS };
  const client = await deps.connect();
  try {
    await client.query('BEGIN');
    try {
      // Transaction-scoped: released by COMMIT or ROLLBACK, also when the connection dies.
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const exists = await client.query<{ t: string | null }>("SELECT to_regclass('public.schema_migrations')::text AS t");
      const before = exists.rows[0]?.t ? await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version') : { rows: [] };
      const applied = await applyMigrations(client, deps.migrations);
      const users: Record<string, AccessChanges> = {
        [processorUser]: await ensureUser(client, database, processorUser, access.processor),
        [healthUser]: await ensureUser(client, database, healthUser, access.health),
      };
      await client.query('COMMIT');
      const unchanged = applied.length === 0 && Object.values(users).every((c) => c.created.length + c.granted.length + c.revoked.length === 0);
      const report: MigratorReport = {
        status: 'migrated',
        database,
        migrationsSha256: shipped,
        applied,
        alreadyApplied: before.rows.map((r) => r.version),
        users,
        unchanged,
      };
      deps.logger.info(unchanged ? 'database already up to date' : 'database migrated', report);
      return report;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
