// The connection pool to this region's cluster (IAM auth tokens in AWS), shared by the trade processor
// and the health check's writer probe.
import { Signer } from '@aws-sdk/rds-signer';
import pg from 'pg';

/** The database settings of a function's configuration (trade-processor and health validate them). */
export interface DbConfig {
  DB_HOST: string;
  DB_PORT: number;
  DB_NAME: string;
  DB_USER: string;
  DB_AUTH: 'iam' | 'password';
  DB_PASSWORD?: string | undefined;
  DB_SSL: boolean;
}

/** Overrides for a pool that is not the processor's (the health check's writer probe). */
export interface PoolOptions {
  applicationName?: string;
  /** Connect and query timeout in ms. */
  timeoutMs?: number;
}

export function createPool(config: DbConfig, region?: string, options: PoolOptions = {}): pg.Pool {
  const signer =
    config.DB_AUTH === 'iam'
      ? new Signer({ hostname: config.DB_HOST, port: config.DB_PORT, username: config.DB_USER, ...(region ? { region } : {}) })
      : undefined;
  const pool = new pg.Pool({
    host: config.DB_HOST,
    port: config.DB_PORT,
    database: config.DB_NAME,
    user: config.DB_USER,
    // An IAM token is valid for 15 minutes and only checked at connect, so each new connection signs
    // a fresh one; established connections stay valid past the token's expiry.
    password: signer ? () => signer.getAuthToken() : config.DB_PASSWORD,
    // Aurora's certificate chains to the RDS CA, which Lambda's Node runtime trusts when
    // NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem (set by the regional stack).
    ssl: config.DB_SSL ? { rejectUnauthorized: true } : false,
    // One invocation at a time per execution environment: one connection is enough.
    max: 1,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: options.timeoutMs ?? 5_000,
    query_timeout: options.timeoutMs ?? 15_000,
    statement_timeout: options.timeoutMs ?? 15_000,
    application_name: options.applicationName ?? 'trade-processor',
  });
  // An idle connection that dies (failover, restart) must not crash the process: the pool drops it and
  // the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` on a pooled connection. A connection that breaks while checked out emits 'error' with
 * no pool listener attached, which would crash the process; it is captured here instead, and a
 * connection that failed in any way is discarded rather than returned to the pool.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
