// The database users of the functions and exactly what each may do. The migrator creates a missing
// user, makes it an IAM user (rds_iam) and brings its privileges to this list: what is missing is
// granted, anything else granted to it directly (on a table, a sequence, or CREATE on the schema) is
// revoked. Nothing here is owned by these users: the migrator's (master) user owns every table.
import type { SqlClient } from './migrate.ts';

export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'REFERENCES' | 'TRIGGER';

export interface UserAccess {
  /** Privileges per table of the public schema; a table left out gets none. */
  tables: Readonly<Record<string, readonly TablePrivilege[]>>;
  /** USAGE per sequence of the public schema; none is listed today. */
  sequences: readonly string[];
}

/**
 * trade-processor (functions/trade-processor/store.ts): INSERT ... ON CONFLICT (order_id) DO NOTHING
 * RETURNING order_id, then SELECT order_id, payload_sha256 for the orders already stored. DO NOTHING
 * needs INSERT only (DO UPDATE would need UPDATE); RETURNING and the SELECT need SELECT. trades has
 * no serial column, so no sequence is used. No UPDATE, DELETE, TRUNCATE, and no DDL.
 */
export const PROCESSOR_ACCESS: UserAccess = { tables: { trades: ['INSERT', 'SELECT'] }, sequences: [] };

/** health (functions/shared/writer.ts): pg_is_in_recovery() and transaction_read_only: connect only. */
export const HEALTH_ACCESS: UserAccess = { tables: {}, sequences: [] };

/** The role Aurora PostgreSQL gives IAM database authentication; a user in it logs in with IAM tokens only. */
export const RDS_IAM_ROLE = 'rds_iam';

export interface AccessChanges {
  /** Users created by this run. */
  created: string[];
  /** Statements run to grant or revoke, in order, e.g. "GRANT INSERT ON TABLE trades TO trade_processor". */
  granted: string[];
  revoked: string[];
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

const TABLE_PRIVILEGES: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

/**
 * Brings `user` to `access` in `database`, inside the caller's transaction. Idempotent: a second run
 * finds nothing to change and returns empty lists.
 */
export async function ensureUser(client: SqlClient, database: string, user: string, access: UserAccess): Promise<AccessChanges> {
  const changes: AccessChanges = { created: [], granted: [], revoked: [] };
  const run = async (list: string[], sql: string) => {
    await client.query(sql);
    list.push(sql.replaceAll('"', ''));
  };
  const u = quoteIdent(user);

  const iam = await client.query<{ exists: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists', [RDS_IAM_ROLE]);
  if (!iam.rows[0]?.exists) {
    throw new Error(`role ${RDS_IAM_ROLE} does not exist: the cluster must be Aurora PostgreSQL (or, locally, a stand-in role created first)`);
  }

  const role = await client.query<{ rolcanlogin: boolean; rolsuper: boolean }>('SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = $1', [user]);
  if (role.rows.length === 0) {
    await client.query(`CREATE ROLE ${u} LOGIN`);
    changes.created.push(user);
  } else {
    if (role.rows[0]!.rolsuper) throw new Error(`database user ${user} is a superuser: refusing to manage it as a function's user`);
    if (!role.rows[0]!.rolcanlogin) await run(changes.granted, `ALTER ROLE ${u} LOGIN`);
  }

  const member = await client.query<{ member: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
      WHERE r.rolname = $1 AND u.rolname = $2) AS member`,
    [RDS_IAM_ROLE, user],
  );
  if (!member.rows[0]?.member) await run(changes.granted, `GRANT ${RDS_IAM_ROLE} TO ${u}`);

  const connect = await client.query<{ ok: boolean }>("SELECT has_database_privilege($1, $2, 'CONNECT') AS ok", [user, database]);
  if (!connect.rows[0]?.ok) await run(changes.granted, `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${u}`);

  // Direct grants on the public schema: USAGE where the user reads tables, never CREATE.
  const schemaGrants = await directGrants(client, `SELECT a.privilege_type FROM pg_namespace n, aclexplode(n.nspacl) a
      WHERE n.nspname = 'public' AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1)`, user);
  if (schemaGrants.has('CREATE')) await run(changes.revoked, `REVOKE CREATE ON SCHEMA public FROM ${u}`);
  const needsUsage = Object.keys(access.tables).length > 0 || access.sequences.length > 0;
  const usage = await client.query<{ ok: boolean }>("SELECT has_schema_privilege($1, 'public', 'USAGE') AS ok", [user]);
  if (needsUsage && !usage.rows[0]?.ok) await run(changes.granted, `GRANT USAGE ON SCHEMA public TO ${u}`);

  // Tables, views and sequences of the public schema: direct grants compared with the list.
  const objects = await client.query<{ name: string; kind: string; privilege: string | null }>(
    `SELECT c.relname AS name, c.relkind::text AS kind, a.privilege_type AS privilege
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN LATERAL aclexplode(c.relacl) a ON a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1)
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      ORDER BY c.relname`,
    [user],
  );
  const held = new Map<string, { kind: string; privileges: Set<string> }>();
  for (const r of objects.rows) {
    const entry = held.get(r.name) ?? { kind: r.kind, privileges: new Set<string>() };
    if (r.privilege) entry.privileges.add(r.privilege);
    held.set(r.name, entry);
  }
  for (const table of Object.keys(access.tables)) {
    if (!held.has(table)) throw new Error(`table ${table} (granted to ${user}) does not exist after the migrations`);
  }
  for (const sequence of access.sequences) {
    if (held.get(sequence)?.kind !== 'S') throw new Error(`sequence ${sequence} (granted to ${user}) does not exist after the migrations`);
  }
  for (const [name, { kind, privileges }] of held) {
    if (kind === 'S') {
      const wanted = access.sequences.includes(name) ? ['USAGE'] : [];
      for (const p of [...privileges].filter((p) => !wanted.includes(p)).sort()) await run(changes.revoked, `REVOKE ${p} ON SEQUENCE ${quoteIdent(name)} FROM ${u}`);
      for (const p of wanted.filter((p) => !privileges.has(p))) await run(changes.granted, `GRANT ${p} ON SEQUENCE ${quoteIdent(name)} TO ${u}`);
      continue;
    }
    const wanted: readonly string[] = access.tables[name] ?? [];
    for (const p of TABLE_PRIVILEGES.filter((p) => privileges.has(p) && !wanted.includes(p))) await run(changes.revoked, `REVOKE ${p} ON TABLE ${quoteIdent(name)} FROM ${u}`);
    for (const p of TABLE_PRIVILEGES.filter((p) => wanted.includes(p) && !privileges.has(p))) await run(changes.granted, `GRANT ${p} ON TABLE ${quoteIdent(name)} TO ${u}`);
  }

  const owned = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY 1`,
    [user],
  );
  if (owned.rows.length > 0) {
    throw new Error(`${user} owns ${owned.rows.map((r) => r.name).join(', ')}: a function's user must not own the schema; transfer ownership to the master user (ALTER TABLE ... OWNER TO ...) and run the migrator again`);
  }
  return changes;
}

async function directGrants(client: SqlClient, sql: string, user: string): Promise<Set<string>> {
  const { rows } = await client.query<{ privilege_type: string }>(sql, [user]);
  return new Set(rows.map((r) => r.privilege_type));
}
