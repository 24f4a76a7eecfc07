// The Aurora global database model: replication lag, switchover (RPO 0), failover (RPO = the lag),
// best-effort fencing of an unreachable old primary, and its rejoin when it is reachable again.
import { describe, expect, it } from 'vitest';
import { AuroraError, GlobalDatabase, type Commit } from '../../../../tooling/drill/lifecycle/aurora.ts';
import { LIFECYCLE_TIMING } from '../../../../tooling/drill/lifecycle/timing.ts';

const A = 'us-east-1';
const B = 'us-east-2';
const PROMOTION = LIFECYCLE_TIMING.promotion.seconds;

function world() {
  let linked = true;
  const losses: { kind: string; region: string; orders: string[] }[] = [];
  const db = new GlobalDatabase('g', { primary: A, secondary: B }, (r) => ({ id: `c-${r}`, arn: `arn:${r}` }), {
    linked: () => linked,
    onLoss: (kind, region, commits: Commit[]) => losses.push({ kind, region, orders: commits.map((c) => c.orderId) }),
    note: () => undefined,
  });
  let now = 0;
  const run = (until: number) => {
    for (; now <= until; now++) db.tick(now);
  };
  return { db, losses, run, setLinked: (v: boolean) => (linked = v), at: () => now };
}

describe('Aurora global database model', () => {
  it('replicates a commit to the secondary after the lag', () => {
    const { db, run } = world();
    run(10);
    db.commit(A, [{ orderId: 'o1', sha: 's' }], 10);
    run(10);
    expect(db.clusters[B]!.rows.has('o1')).toBe(false);
    run(10 + LIFECYCLE_TIMING.replicationLag.seconds);
    expect(db.clusters[B]!.rows.has('o1')).toBe(true);
  });

  it('switches over without losing a commit and demotes the old primary to read-only', () => {
    const { db, run, losses } = world();
    run(5);
    const op = db.switchover(B, 5);
    db.commit(A, [{ orderId: 'during', sha: 's' }], 6);
    run(5 + PROMOTION);
    expect(op.completesAt).toBe(5 + PROMOTION);
    expect(db.writer).toBe(B);
    expect(db.clusters[B]!.rows.has('during')).toBe(true);
    expect(db.clusters[A]!.writable).toBe(false);
    expect(losses).toEqual([]);
  });

  it('refuses a switchover when the primary cannot be reached, with the name Step Functions reports', () => {
    const { db, setLinked } = world();
    setLinked(false);
    expect(() => db.switchover(B, 1)).toThrow(AuroraError);
    try {
      db.switchover(B, 1);
    } catch (error) {
      expect((error as Error).name).toBe('Rds.InvalidGlobalClusterStateException');
    }
  });

  it('loses the unreplicated commits in a failover, and keeps an unreachable old primary writable until it is back and fenced', () => {
    const { db, run, losses, setLinked, at } = world();
    run(10);
    db.commit(A, [{ orderId: 'replicated', sha: 's' }], 10);
    run(20);
    db.commit(A, [{ orderId: 'in-lag', sha: 's' }], 20);
    setLinked(false);
    run(30);
    db.failover(B, 30);
    expect(db.clusters[A]!.writable).toBe(true);
    db.commit(A, [{ orderId: 'split-brain', sha: 's' }], 40);
    run(30 + PROMOTION);
    expect(db.writer).toBe(B);
    expect(losses).toEqual([{ kind: 'lost', region: A, orders: ['in-lag'] }]);
    expect(db.clusters[A]!.writable).toBe(true);
    setLinked(true);
    const back = at();
    run(back + LIFECYCLE_TIMING.fenceOnReturn.seconds);
    expect(db.clusters[A]!.writable).toBe(false);
    expect(db.clusters[A]!.sync).toBe('pending-resync');
    expect(losses[1]).toEqual({ kind: 'discarded', region: A, orders: ['split-brain'] });
    expect(db.clusters[A]!.rows.has('replicated')).toBe(true);
    run(back + LIFECYCLE_TIMING.fenceOnReturn.seconds + LIFECYCLE_TIMING.resync.seconds);
    expect(db.clusters[A]!.sync).toBe('connected');
  });

  it('fences a reachable old primary at once in a failover', () => {
    const { db, run } = world();
    run(3);
    db.failover(B, 3);
    expect(db.clusters[A]!.writable).toBe(false);
  });

  it('never completes a promotion held by promotion-stuck, and refuses a second one meanwhile', () => {
    const { db, run } = world();
    db.stuckNext = true;
    const op = db.failover(B, 0);
    run(5000);
    expect(op.completesAt).toBeNull();
    expect(db.writer).toBe(A);
    expect(() => db.failover(B, 5000)).toThrow(/already failing over/);
  });
});
