// The writer-role query (functions/shared/writer.ts) against real PostgreSQL. A non-writer is made for
// real: ALTER DATABASE ... SET default_transaction_read_only = on, after which every new session is
// read-only (what Aurora readers and a demoted old primary report) and an INSERT fails with SQLSTATE 25006.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRITER_ROLE_SQL, pooledWriterRole, writerRole } from '../../../functions/shared/writer.ts';
import { createTestDatabase, poolFor, setReadOnly, sharedPostgres } from '../support/services.ts';

describe('writer role', () => {
  let database: string;
  let pools: pg.Pool[];
  const pool = () => {
    const p = poolFor(sharedPostgres(), database);
    pools.push(p);
    return p;
  };
  beforeEach(async () => {
    database = await createTestDatabase();
    pools = [];
  });
  afterEach(async () => {
    for (const p of pools) await p.end();
  });

  it('reports the writer on a read-write primary', async () => {
    // Act
    const role = await writerRole(pool());

    // Assess
    expect(role).toEqual({ writer: true });
  });

  it('reports read-only when new sessions are read-only, and the writer again once they are not', async () => {
    // Prepare
    await setReadOnly(database, true);

    // Act
    const readOnly = await writerRole(pool());
    const insert = await pool()
      .query('CREATE TABLE t (x int)')
      .then(() => 'ok', (e: { code?: string }) => e.code);
    await setReadOnly(database, false);
    const back = await writerRole(pool());

    // Assess
    expect(readOnly).toEqual({ writer: false, reason: 'read-only' });
    expect(insert).toBe('25006');
    expect(back).toEqual({ writer: true });
  });

  it('reports in-recovery first when a server says it is replaying', async () => {
    // Prepare: a standby cannot be started here; its answer to the one query is given instead.
    const standby = { query: async (sql: string) => ({ rows: sql === WRITER_ROLE_SQL ? [{ in_recovery: true, read_only: 'on' }] : [] }) };

    // Act
    const role = await writerRole(standby);

    // Assess
    expect(role).toEqual({ writer: false, reason: 'in-recovery' });
  });

  it('discards a pooled session that is not on the writer, so the next one sees the cluster as it is now', async () => {
    // Prepare: the pool keeps at most one session
    await setReadOnly(database, true);
    const shared = pool();

    // Act
    const before = await pooledWriterRole(shared);
    await setReadOnly(database, false);
    const after = await pooledWriterRole(shared);

    // Assess
    expect(before).toEqual({ writer: false, reason: 'read-only' });
    expect(after).toEqual({ writer: true });
  });

  it('throws when the database does not answer', async () => {
    // Prepare
    const gone = new pg.Pool({ host: '127.0.0.1', port: 9, user: 'postgres', database, connectionTimeoutMillis: 500 });
    pools.push(gone);

    // Act
    const outcome = pooledWriterRole(gone);

    // Assess
    await expect(outcome).rejects.toThrow(/ECONNREFUSED/);
  });
});
