// Whether the database this session is connected to is the writer, asked of the database itself: a TCP
// connection cannot tell a writer from a reader. One query, used by the health check and, inside the
// batch transaction, by the trade processor.
//
// - pg_is_in_recovery() is true on a server that is replaying WAL, i.e. a standby
//   (https://www.postgresql.org/docs/16/functions-admin.html, "Recovery Control Functions").
// - transaction_read_only is on for a read-only session: Aurora reader instances and the clusters of a
//   global database's secondary regions accept no writes, and an old primary that Aurora demoted after
//   a failover turns read-only once fenced
//   (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-monitoring.html,
//   https://www.postgresql.org/docs/16/runtime-config-client.html#GUC-DEFAULT-TRANSACTION-READ-ONLY).
// Either one means this cluster must not commit trades.

/** One statement, so it runs in the caller's transaction (or its own implicit one). */
export const WRITER_ROLE_SQL = "SELECT pg_is_in_recovery() AS in_recovery, current_setting('transaction_read_only') AS read_only";

/** What a caller needs to run the query: a pg Pool or a checked-out client. */
export interface Queryable {
  query(sql: string): Promise<{ rows: unknown[] }>;
}

/** Short reason codes: safe to show in a public health body. */
export type NotWriterReason = 'in-recovery' | 'read-only';

export type WriterRole = { writer: true } | { writer: false; reason: NotWriterReason };

export async function writerRole(db: Queryable): Promise<WriterRole> {
  const result = await db.query(WRITER_ROLE_SQL);
  const row = result.rows[0] as { in_recovery?: unknown; read_only?: unknown } | undefined;
  if (!row) throw new Error('the writer-role query returned no row');
  if (row.in_recovery !== false) return { writer: false, reason: 'in-recovery' };
  if (row.read_only !== 'off') return { writer: false, reason: 'read-only' };
  return { writer: true };
}

/** Thrown (after rolling back) by a transaction that found its cluster not to be the writer. */
export class NotWriterError extends Error {
  override name = 'NotWriterError';
  constructor(readonly reason: NotWriterReason) {
    super(`this cluster is not the writer (${reason}); nothing was committed`);
  }
}

/** What pooledWriterRole needs of a pg Pool. */
export interface ConnectionPool {
  connect(): Promise<Queryable & { release(destroy?: boolean | Error): void; on(event: 'error', listener: (error: Error) => void): unknown; off(event: 'error', listener: (error: Error) => void): unknown }>;
}

/**
 * writerRole on a pooled connection. A session that is not on the writer is discarded instead of
 * returned to the pool: its read-only setting was fixed when it connected, so only a new session
 * sees the cluster become the writer.
 */
export async function pooledWriterRole(pool: ConnectionPool): Promise<WriterRole> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onError);
  let role: WriterRole | undefined;
  try {
    role = await writerRole(client);
    return role;
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken ?? (role?.writer === true ? undefined : true));
  }
}

/**
 * The reason a batch is refused when this region's serving flag, its local mirror of the active-region
 * authority, does not make it active (shared/serving-flag.ts flagVerdict: not "true", its lease ran
 * out, or it could not be read): the batch is refused exactly like one on a non-writer.
 */
export class NotServingError extends Error {
  override name = 'NotServingError';
  constructor(readonly detail: string) {
    super(`this region is not active (${detail}); nothing was committed`);
  }
}
