// Where and when an acknowledged order was processed, with the narrowest read that answers it:
// S3 HeadObject of the audit object the trade processor writes when it commits the order
// (trades/YYYY/MM/DD/<orderId>.json, functions/trade-processor/order.ts auditKey) in each region's
// audit bucket. HEAD needs only s3:GetObject on trades/* (plus s3:ListBucket for a missing key to be
// 404 rather than 403: https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html), returns
// no order content, and needs no database or queue access. Both audit
// buckets replicate to each other, so a copy can be in a region that did not process the order: the
// ReplicationStatus header tells them apart ("REPLICA" on the copy, COMPLETED/PENDING/FAILED or none on
// the object the processor wrote: https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-status.html).
// The time recorded is when the object was first seen, an upper bound one check interval late.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { OrderRecord } from './load.ts';
import type { Clock, GamedayClients } from './ports.ts';

// With s3:ListBucket on the bucket a missing key is 404 (NotFound); a 403 is then a permission problem,
// reported with the figures rather than taken for "not processed yet".
const MISSING = new Set(['NotFound', 'NoSuchKey']);

export type Seen = { found: false; error?: string } | { found: true; replica: boolean };

export class AuditObserver {
  private stopped = false;
  /** Per region, the last error other than a missing object (a region that does not answer). */
  readonly errors = new Map<string, string>();

  constructor(
    private readonly regions: [string, string],
    private readonly buckets: Record<string, string>,
    private readonly clients: Pick<GamedayClients, 's3'>,
    private readonly orders: OrderRecord[],
    private readonly clock: Clock,
    private readonly since: () => number,
    private readonly checkMs: number,
    private readonly concurrency = 8,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  async head(region: string, key: string): Promise<Seen> {
    try {
      const out = await this.clients.s3(region).send(new HeadObjectCommand({ Bucket: this.buckets[region], Key: key }));
      return { found: true, replica: out.ReplicationStatus === 'REPLICA' };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (MISSING.has(name)) return { found: false };
      const message = error instanceof Error ? `${name}: ${error.message}` : String(error);
      this.errors.set(region, message);
      return { found: false, error: message };
    }
  }

  /** One look for one order in both regions; the region that wrote the object wins over a replica. */
  private async look(o: OrderRecord): Promise<void> {
    const [a, b] = this.regions;
    const [seenA, seenB] = await Promise.all([this.head(a, o.auditKey), this.head(b, o.auditKey)]);
    const at = this.since();
    if (seenA.found && !seenA.replica) o.processed = { region: a, at, replica: false };
    else if (seenB.found && !seenB.replica) o.processed = { region: b, at, replica: false };
    // Only a replica answered: the peer wrote it (and may be unreachable now).
    else if (seenA.found) o.processed = { region: b, at, replica: true };
    else if (seenB.found) o.processed = { region: a, at, replica: true };
  }

  /** Checks every acknowledged order not yet seen processed; returns how many are still pending. */
  async checkOnce(): Promise<number> {
    const pending = this.orders.filter((o) => o.ackAt !== null && o.processed === null && o.auditKey);
    for (let i = 0; i < pending.length; i += this.concurrency) await Promise.all(pending.slice(i, i + this.concurrency).map((o) => this.look(o)));
    return this.orders.filter((o) => o.ackAt !== null && o.processed === null).length;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      await this.checkOnce();
      if (this.stopped) break;
      await this.clock.sleep(this.checkMs);
    }
  }

  /**
   * For orders never seen processed: the stale rejection record (rejected/YYYY/MM/DD/<orderId>.json,
   * dated by the acknowledgement), which accounts for an order the processor refused as too old.
   */
  async findRejections(): Promise<void> {
    for (const o of this.orders) {
      if (o.ackAt === null || o.processed || !o.ackDate) continue;
      const key = `rejected/${o.ackDate.slice(0, 4)}/${o.ackDate.slice(5, 7)}/${o.ackDate.slice(8, 10)}/${o.orderId}.json`;
      for (const region of this.regions) {
        const seen = await this.head(region, key);
        if (seen.found) {
          o.rejectedStale = { region: seen.replica ? this.regions.find((r) => r !== region)! : region };
          break;
        }
      }
    }
  }
}
