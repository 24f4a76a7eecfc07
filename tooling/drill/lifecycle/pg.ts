// A stand-in for the trade processor's pg Pool, backed by the simulated Aurora cluster of one region.
// It answers exactly the statements functions/trade-processor/store.ts issues (BEGIN, the multi-row
// INSERT ... ON CONFLICT DO NOTHING RETURNING, the SELECT of existing digests, COMMIT, ROLLBACK) and
// fails the way PostgreSQL on Aurora does:
//   - cluster instances down or region unreachable: the connection is refused;
//   - a cluster that is not taking writes (an Aurora secondary, or a demoted old primary) refuses the
//     INSERT with SQLSTATE 25006 "cannot execute INSERT in a read-only transaction"
//     (https://www.postgresql.org/docs/current/errcodes-appendix.html; Aurora secondaries are read-only:
//     https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html).
// Every INSERT is reported as a commit attempt, with whether the cluster was the global writer.
import type pg from 'pg';
import { INSERT_ORDERS_SQL } from '../../../functions/trade-processor/store.ts';
import type { World } from './world.ts';

class PgError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    // node-postgres names server errors "error" (DatabaseError); describeError prints name: message.
    this.name = 'error';
  }
}

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const INSERT = normalise(INSERT_ORDERS_SQL);
const SELECT_EXISTING = 'SELECT order_id, payload_sha256 FROM trades WHERE order_id = ANY($1::text[])';

export function simulatedPool(world: World, region: string): pg.Pool {
  const connect = async () => {
    const cluster = world.aurora.clusters[region]!;
    if (!world.regions[region]!.up || !cluster.instancesUp) {
      throw Object.assign(new Error(`connect ECONNREFUSED ${cluster.id}.cluster-example.${region}.rds.amazonaws.com:5432`), { code: 'ECONNREFUSED' });
    }
    let staged: { orderId: string; sha: string }[] | null = null;
    let inTransaction = false;
    const client = {
      on: () => client,
      off: () => client,
      release: () => undefined,
      query: async (sql: string, params: unknown[] = []) => {
        const text = normalise(sql);
        if (text === 'BEGIN') {
          inTransaction = true;
          staged = [];
          return { rows: [] };
        }
        if (text === 'ROLLBACK') {
          inTransaction = false;
          staged = null;
          return { rows: [] };
        }
        if (text === INSERT) {
          const ids = params[0] as string[];
          const shas = params[7] as string[];
          const globalWriter = world.aurora.writer === region;
          if (!cluster.writable) {
            const detail = 'cannot execute INSERT in a read-only transaction';
            world.stepCommits.push({ at: world.now, region, globalWriter, ok: false, detail: `${detail} (SQLSTATE 25006)` });
            throw new PgError(detail, '25006');
          }
          staged = ids.map((orderId, i) => ({ orderId, sha: shas[i]! }));
          const fresh = staged.filter((r) => !cluster.rows.has(r.orderId)).map((r) => ({ order_id: r.orderId }));
          return { rows: fresh };
        }
        if (text === SELECT_EXISTING) {
          const ids = params[0] as string[];
          return { rows: ids.flatMap((id) => (cluster.rows.has(id) ? [{ order_id: id, payload_sha256: cluster.rows.get(id)!.sha }] : [])) };
        }
        if (text === 'COMMIT') {
          if (!inTransaction) throw new PgError('there is no transaction in progress', '25P01');
          inTransaction = false;
          const rows = staged ?? [];
          staged = null;
          if (!cluster.writable) {
            world.stepCommits.push({ at: world.now, region, globalWriter: world.aurora.writer === region, ok: false, detail: 'cannot commit: the cluster stopped taking writes (SQLSTATE 25006)' });
            throw new PgError('cannot execute COMMIT in a read-only transaction', '25006');
          }
          const globalWriter = world.aurora.writer === region;
          const { inserted } = world.aurora.commit(region, rows, world.now);
          world.stepCommits.push({ at: world.now, region, globalWriter, ok: true });
          for (const orderId of inserted) world.stepOrders.push({ kind: 'committed', at: world.now, orderId, region, globalWriter });
          return { rows: [] };
        }
        throw world.gap(`the trade processor issued SQL the simulated pool does not model: ${text.slice(0, 80)}`);
      },
    };
    return client;
  };
  return { connect } as unknown as pg.Pool;
}
