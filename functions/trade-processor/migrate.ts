// Versioned SQL migrations (migrations/NNN_name.sql), applied in order, each in its own transaction,
// under a session advisory lock so concurrent cold starts apply each file exactly once. An applied
// file whose content changed is an error, never silently re-run or skipped.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { withClient } from '../shared/db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Arbitrary but fixed: every process that migrates this schema must use the same key. */
export const MIGRATION_LOCK_KEY = 7_301_150_001;

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** `dir` is a directory path or a file: URL ending in '/'. */
export function loadMigrations(dir: URL | string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE_NAME.exec(file);
    if (!m) throw new MigrationError(`migration file ${file} must be named NNN_lower_snake_name.sql`);
    const sql = readFileSync(dir instanceof URL ? new URL(file, dir) : join(dir, file), 'utf8');
    const version = Number(m[1]);
    if (migrations.some((x) => x.version === version)) throw new MigrationError(`two migration files have version ${m[1]}`);
    migrations.push({ version, name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  if (migrations.length === 0) throw new MigrationError('no migration files found');
  return migrations;
}

/** Applies the pending migrations; returns the versions applied by this call. */
export async function migrate(pool: Pool, migrations: Migration[]): Promise<number[]> {
  // A connection that fails mid-way is discarded, which also drops the session lock.
  return withClient(pool, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      checksum   text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
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
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      done.push(m.version);
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    return done;
  });
}
