// Versioned schema migrations (migrations/NNN_name.sql, shipped beside index.mjs) and the digest that
// ties a deployed function to the migrations Terraform saw. Applying them is one step of the
// migrator's transaction (core.ts): an applied migration is recorded in schema_migrations and never
// re-run, and an applied file whose content changed stops the run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  version: number;
  name: string;
  /** The file name, e.g. 001_create_trades.sql. */
  file: string;
  sql: string;
  /** sha256 (hex) of the file's bytes. */
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Arbitrary but fixed: every process that migrates this schema must use the same key. */
export const MIGRATION_LOCK_KEY = 7_301_150_001;

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** `dir` is a directory path or a file: URL ending in '/'. Sorted by version. */
export function loadMigrations(dir: URL | string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE_NAME.exec(file);
    if (!m) throw new MigrationError(`migration file ${file} must be named NNN_lower_snake_name.sql`);
    const bytes = readFileSync(dir instanceof URL ? new URL(file, dir) : join(dir, file));
    const version = Number(m[1]);
    if (migrations.some((x) => x.version === version)) throw new MigrationError(`two migration files have version ${m[1]}`);
    migrations.push({ version, name: m[2]!, file, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') });
  }
  if (migrations.length === 0) throw new MigrationError('no migration files found');
  return migrations;
}

/**
 * The digest of a migrations directory exactly as modules/regional-stack computes it for the
 * invocation input: sha256 of the concatenated hex sha256 of every *.sql file, in file-name order
 * (Terraform: sha256(join("", [for f in fileset(dir, "*.sql") : filesha256("${dir}/${f}")]))).
 */
export function migrationsDigest(migrations: readonly Migration[]): string {
  const ordered = [...migrations].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return createHash('sha256').update(ordered.map((m) => m.checksum).join('')).digest('hex');
}

/** What a connection inside the migrator's transaction needs. */
export interface SqlClient {
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export const SCHEMA_MIGRATIONS_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer     PRIMARY KEY,
  name       text        NOT NULL,
  checksum   text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now())`;

/**
 * Applies the pending migrations in version order on `client`, which must already be inside the
 * caller's transaction and hold the migration lock. Returns the versions applied by this call.
 * Throws MigrationError if an applied migration's file changed; any SQL error propagates, and the
 * caller's rollback undoes every migration of the run.
 */
export async function applyMigrations(client: SqlClient, migrations: readonly Migration[]): Promise<number[]> {
  await client.query(SCHEMA_MIGRATIONS_SQL);
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations');
  const applied = new Map(rows.map((r) => [r.version, r]));
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const previous = applied.get(m.version);
    if (previous) {
      if (previous.checksum !== m.checksum) {
        throw new MigrationError(`migration ${m.version} (${previous.name}) was applied with different content; add a new migration instead of editing it`);
      }
      continue;
    }
    try {
      await client.query(m.sql);
    } catch (error) {
      throw new MigrationError(`migration ${m.file} failed: ${(error as Error).message}`);
    }
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
    done.push(m.version);
  }
  return done;
}

/**
 * The schema alone, in its own transaction under the migration lock: for local runs, benchmarks and
 * tests, where the functions connect as the server's superuser and need no users of their own. In
 * AWS the migrator's core does this and the users in one transaction.
 */
export async function migrateSchema(client: SqlClient, migrations: readonly Migration[]): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await applyMigrations(client, migrations);
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The migrations shipped with the migrator, read from the source tree (local runs and tests). */
export const SOURCE_MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
