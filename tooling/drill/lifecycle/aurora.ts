// The Aurora global database of the pair, as AWS documents its behaviour:
//   - one writer; the secondary receives the writer's commits after the replication lag, while the two
//     regions can reach each other (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html);
//   - switchover (SwitchoverGlobalCluster): the secondary is synchronised first (RPO 0), then the roles
//     swap and the old primary becomes a read-only secondary; it needs every member reachable
//     (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html#aurora-global-database-disaster-recovery.managed-failover);
//   - failover (FailoverGlobalCluster with AllowDataLoss): the target is promoted without waiting; the
//     commits not yet replicated are lost (RPO = the lag at the failure). Aurora fences writes on the
//     old primary on a best-effort basis: when the old region cannot be reached, its cluster keeps
//     taking writes until it is reachable again, is then fenced, rebuilt from the new primary and
//     rejoins as a secondary (same page, #aurora-global-database-failover.managed-unplanned);
//   - both take the documented promotion time (rto-figures.json), unless a promotion-stuck fault holds one.
// Times are simulated seconds. Rows are kept per cluster, so a split brain is visible row by row.
import { SFN_ERRORS } from '../aws-errors.ts';
import { LIFECYCLE_TIMING } from './timing.ts';

export interface Row {
  sha: string;
  at: number;
}

export interface Commit extends Row {
  orderId: string;
}

export interface Cluster {
  region: string;
  id: string;
  arn: string;
  /** Membership role in the global cluster. */
  role: 'primary' | 'secondary';
  /** Accepts writes now (the writer, or an old primary that has not been fenced yet). */
  writable: boolean;
  /** The cluster's instances answer (a database-outage stops them). */
  instancesUp: boolean;
  sync: 'connected' | 'pending-resync';
  rows: Map<string, Row>;
  /** Commits made on this cluster while it took writes, in order. */
  log: Commit[];
  /** Failed over away from while unreachable: waits to be fenced and rebuilt when it is reachable again. */
  awaitingRejoin: boolean;
}

export interface Operation {
  kind: 'switchover' | 'failover';
  from: string;
  to: string;
  startedAt: number;
  /** null: it never completes (promotion-stuck). */
  completesAt: number | null;
}

export class AuroraError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface AuroraHooks {
  /** Whether the storage layers of two regions can reach each other (both up, no partition). */
  linked(a: string, b: string): boolean;
  /** Orders whose commits a failover discarded: `rpo` within the replication lag, `discarded` otherwise. */
  onLoss(kind: 'lost' | 'discarded', region: string, commits: Commit[], reason: string): void;
  note(region: string, what: string): void;
}

export class GlobalDatabase {
  readonly clusters: Record<string, Cluster>;
  writer: string;
  operation: Operation | null = null;
  lagSeconds: number = LIFECYCLE_TIMING.replicationLag.seconds;
  /** Index into the writer's log of the first commit the secondary does not have yet. */
  private cursor = 0;
  private linkLostAt: number | null = null;
  /** A promotion-stuck fault waiting for the next promotion (into `region`, or any when undefined). */
  stuckNext = false;
  /** The failover that has not been fenced: its start, and the writer's log position then. */
  private unfenced: { region: string; since: number; logAt: number } | null = null;
  private rejoinAt: number | null = null;
  private resyncedAt: number | null = null;

  constructor(
    readonly globalId: string,
    regions: { primary: string; secondary: string },
    arnOf: (region: string) => { id: string; arn: string },
    private readonly hooks: AuroraHooks,
  ) {
    const cluster = (region: string, primary: boolean): Cluster => ({
      region,
      ...arnOf(region),
      role: primary ? 'primary' : 'secondary',
      writable: primary,
      instancesUp: true,
      sync: 'connected',
      rows: new Map(),
      log: [],
      awaitingRejoin: false,
    });
    this.clusters = { [regions.primary]: cluster(regions.primary, true), [regions.secondary]: cluster(regions.secondary, false) };
    this.writer = regions.primary;
  }

  other(region: string): string {
    return Object.keys(this.clusters).find((r) => r !== region)!;
  }

  /** Commits the rows on `region`'s cluster (the caller checked it takes writes); returns the new ones. */
  commit(region: string, rows: { orderId: string; sha: string }[], now: number): { inserted: string[]; existing: Map<string, string> } {
    const c = this.clusters[region]!;
    const inserted: string[] = [];
    const existing = new Map<string, string>();
    for (const r of rows) {
      const had = c.rows.get(r.orderId);
      if (had) {
        existing.set(r.orderId, had.sha);
        continue;
      }
      c.rows.set(r.orderId, { sha: r.sha, at: now });
      c.log.push({ orderId: r.orderId, sha: r.sha, at: now });
      inserted.push(r.orderId);
    }
    return { inserted, existing };
  }

  /** AuroraGlobalDBRPOLag of the secondary, in ms. */
  rpoLagMs(now: number): number {
    const lost = this.linkLostAt === null ? 0 : now - this.linkLostAt;
    return Math.round((lost + this.lagSeconds) * 1000);
  }

  /** One second of replication and of the timers (promotion, fence on return, resync). */
  tick(now: number): void {
    const w = this.clusters[this.writer]!;
    const s = this.clusters[this.other(this.writer)]!;
    const linked = this.hooks.linked(w.region, s.region);
    if (!linked && this.linkLostAt === null) this.linkLostAt = now;
    if (linked) this.linkLostAt = null;
    const replicating = linked && s.instancesUp && !s.awaitingRejoin && !(this.operation?.kind === 'failover');
    if (replicating) {
      while (this.cursor < w.log.length && w.log[this.cursor]!.at <= now - this.lagSeconds) {
        const c = w.log[this.cursor++]!;
        if (!s.rows.has(c.orderId)) s.rows.set(c.orderId, { sha: c.sha, at: c.at });
      }
    }
    const op = this.operation;
    if (op && op.completesAt !== null && now >= op.completesAt) this.complete(op, now);
    // An old primary that missed the fence: fenced and rebuilt once its region is reachable again.
    for (const c of Object.values(this.clusters)) {
      if (!c.awaitingRejoin) continue;
      if (!this.hooks.linked(c.region, this.writer)) {
        this.rejoinAt = null;
        continue;
      }
      if (this.rejoinAt === null) {
        this.rejoinAt = now + LIFECYCLE_TIMING.fenceOnReturn.seconds;
        if (c.writable) this.hooks.note(c.region, `old primary reachable again and still taking writes; Aurora fences it in ${LIFECYCLE_TIMING.fenceOnReturn.seconds} s (assumed)`);
      }
      if (now >= this.rejoinAt) this.rejoin(c, now);
    }
    if (this.resyncedAt !== null && now >= this.resyncedAt) {
      for (const c of Object.values(this.clusters)) if (c.sync === 'pending-resync') c.sync = 'connected';
      this.resyncedAt = null;
      this.hooks.note(this.other(this.writer), 'secondary resynchronised (connected)');
    }
  }

  private startOperation(kind: Operation['kind'], to: string, now: number): Operation {
    const from = this.writer;
    const completesAt = this.stuckNext ? null : now + LIFECYCLE_TIMING.promotion.seconds;
    this.stuckNext = false;
    this.operation = { kind, from, to, startedAt: now, completesAt };
    return this.operation;
  }

  switchover(to: string, now: number): Operation {
    this.checkStartable(to);
    const w = this.clusters[this.writer]!;
    const t = this.clusters[to]!;
    if (!this.hooks.linked(w.region, to) || !w.instancesUp || !t.instancesUp || t.sync !== 'connected') {
      throw new AuroraError(SFN_ERRORS.rdsInvalidGlobalClusterState, `Global cluster ${this.globalId} cannot switch over: every member must be available and in sync.`);
    }
    return this.startOperation('switchover', to, now);
  }

  failover(to: string, now: number): Operation {
    this.checkStartable(to);
    const from = this.writer;
    const op = this.startOperation('failover', to, now);
    const old = this.clusters[from]!;
    // Write fencing through the storage layer: immediate when the old primary is reachable.
    if (this.hooks.linked(from, to)) {
      old.writable = false;
      this.hooks.note(from, 'write fencing by Aurora: the old primary stops taking writes');
    } else {
      this.unfenced = { region: from, since: now, logAt: this.cursor };
      this.hooks.note(from, 'old primary unreachable: Aurora cannot fence it (best effort)');
    }
    return op;
  }

  private checkStartable(to: string): void {
    if (this.operation) throw new AuroraError(SFN_ERRORS.rdsInvalidGlobalClusterState, `Global cluster ${this.globalId} is already ${this.operation.kind === 'switchover' ? 'switching over' : 'failing over'}.`);
    if (to === this.writer) throw new AuroraError(SFN_ERRORS.rdsInvalidDbClusterState, `${this.clusters[to]!.id} is already the primary cluster.`);
  }

  private complete(op: Operation, now: number): void {
    const old = this.clusters[op.from]!;
    const next = this.clusters[op.to]!;
    if (op.kind === 'switchover') {
      // Synchronised before the swap: every commit of the old primary is on the new one.
      for (const c of old.log) if (!next.rows.has(c.orderId)) next.rows.set(c.orderId, { sha: c.sha, at: c.at });
      old.role = 'secondary';
      old.writable = false;
    } else {
      // Everything the secondary had not received is lost: within the lag (RPO) if it was committed
      // before the failover began, a split-brain commit otherwise (reported when the old primary rejoins).
      const unreplicated = old.log.slice(this.cursor).filter((c) => !next.rows.has(c.orderId));
      const lost = unreplicated.filter((c) => c.at <= op.startedAt);
      if (lost.length) this.hooks.onLoss('lost', op.from, lost, `not replicated to ${op.to} before the failover (RPO)`);
      old.role = 'secondary';
      old.awaitingRejoin = true;
      if (this.unfenced === null) this.rejoin(old, now);
    }
    next.role = 'primary';
    next.writable = true;
    next.sync = 'connected';
    next.log = [];
    this.writer = op.to;
    this.cursor = 0;
    this.operation = null;
    this.hooks.note(op.to, `${op.kind} complete: ${next.id} is the writer`);
  }

  /** The old primary is fenced, its divergent writes are thrown away, and it is rebuilt from the writer. */
  private rejoin(c: Cluster, now: number): void {
    const writer = this.clusters[this.writer]!;
    const since = this.unfenced?.since ?? now;
    const divergent = c.log.filter((x) => x.at > since && !writer.rows.has(x.orderId));
    if (divergent.length) this.hooks.onLoss('discarded', c.region, divergent, `committed on the old primary after the failover began; thrown away when Aurora rebuilt it as a secondary`);
    c.writable = false;
    c.awaitingRejoin = false;
    c.rows = new Map(writer.rows);
    c.log = [];
    c.sync = 'pending-resync';
    this.cursor = writer.log.length;
    this.unfenced = null;
    this.rejoinAt = null;
    this.resyncedAt = now + LIFECYCLE_TIMING.resync.seconds;
    this.hooks.note(c.region, `old primary fenced and rebuilt from ${writer.region}; rejoins as a secondary (pending-resync for ${LIFECYCLE_TIMING.resync.seconds} s, assumed)`);
  }
}
