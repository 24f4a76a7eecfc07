// Orders flowing through the reference client's own code (tooling/client: prepareOrder for the
// processor's schema and the orderId idempotency key, submitOrder for backoff and retries), at a fixed
// rate, each order on its own so a retry never delays the next one. The transport under it is one new
// connection with a fresh DNS resolution per attempt (tooling/client/https.ts). Every attempt's outcome
// is counted: a 503 is the API of a region that is not active, 429 throttling, a connection failure a
// region or endpoint that does not answer.
import { DEFAULT_POLICY, RETRYABLE_STATUSES, type BackoffPolicy } from '../client/backoff.ts';
import { prepareOrder } from '../client/order.ts';
import { submitOrder, type SendResult } from '../client/submit.ts';
import { auditKey, parseOrder } from '../../functions/trade-processor/order.ts';
import type { Clock } from './ports.ts';

export interface OrderRecord {
  orderId: string;
  /** Seconds since the start of the game day. */
  sentAt: number;
  ackAt: number | null;
  attempts: number;
  /** Why the client gave up (never acknowledged), or null. */
  gaveUp: string | null;
  /** trades/YYYY/MM/DD/<orderId>.json: the audit object the processor writes when it commits. */
  auditKey: string;
  /** The ISO date of the acknowledgement, which names a stale rejection's record (rejected/YYYY/MM/DD/). */
  ackDate: string | null;
  processed: { region: string; at: number; replica: boolean } | null;
  rejectedStale: { region: string } | null;
}

export interface Refusals {
  http503: number;
  http429: number;
  connection: number;
}

export class OrderLoad {
  readonly orders: OrderRecord[] = [];
  readonly refusals: Refusals = { http503: 0, http429: 0, connection: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private state: string | null = null;
  /** A give-up is noted once per stretch without acknowledgements. */
  private gaveUpNoted = false;

  constructor(
    private readonly url: string,
    private readonly runId: string,
    private readonly perSecond: number,
    private readonly transport: (body: string) => Promise<SendResult>,
    private readonly clock: Clock,
    private readonly random: () => number,
    private readonly since: () => number,
    private readonly note: (region: string, what: string) => void,
    private readonly policy: BackoffPolicy = DEFAULT_POLICY,
  ) {}

  /** The order sent as number `seq`: a small BUY or SELL of the GAMEDAY symbol, so it is easy to find and to ignore. */
  private body(seq: number): string {
    return JSON.stringify({
      orderId: `${this.runId}-${String(seq).padStart(6, '0')}`,
      userId: `gameday-${this.runId}`,
      symbol: 'GAMEDAY',
      side: seq % 2 === 0 ? 'BUY' : 'SELL',
      quantity: 1,
      price: 1,
      timestamp: new Date(this.clock.now()).toISOString(),
    });
  }

  /** A transition of what the clients see, once per change rather than once per order. */
  private seen(state: string, what: string): void {
    if (this.state === state) return;
    this.state = state;
    if (state === 'ok') this.gaveUpNoted = false;
    this.note('clients', what);
  }

  private counted(body: string): Promise<SendResult> {
    return this.transport(body).then((r) => {
      if (r.kind === 'failure') {
        this.refusals.connection++;
        this.seen('connection', `orders get no answer (${r.failure.code ?? r.failure.message}); the client retries on a new connection`);
      } else if (r.status >= 200 && r.status < 300) {
        this.seen('ok', `orders are acknowledged (HTTP ${r.status})`);
      } else if (RETRYABLE_STATUSES.has(r.status)) {
        if (r.status === 503) this.refusals.http503++;
        else this.refusals.http429++;
        this.seen(`http${r.status}`, `orders are refused with HTTP ${r.status}; the client retries with backoff`);
      }
      return r;
    });
  }

  private submit(seq: number): Promise<void> {
    const order = prepareOrder(`game day order ${seq}`, this.body(seq), () => '');
    const parsed = parseOrder(order.body);
    const record: OrderRecord = {
      orderId: order.orderId,
      sentAt: this.since(),
      ackAt: null,
      attempts: 0,
      gaveUp: null,
      auditKey: parsed.ok ? auditKey(parsed.order) : '',
      ackDate: null,
      processed: null,
      rejectedStale: null,
    };
    this.orders.push(record);
    return submitOrder(this.url, order, this.policy, { send: (b) => this.counted(b), sleep: (ms) => this.clock.sleep(ms), random: this.random, log: () => undefined }).then(
      (done) => {
        record.attempts = done.attempts;
        record.ackAt = this.since();
        record.ackDate = new Date(this.clock.now()).toISOString().slice(0, 10);
      },
      (error: unknown) => {
        record.attempts = this.policy.attempts;
        record.gaveUp = error instanceof Error ? error.message : String(error);
        if (!this.gaveUpNoted) {
          this.gaveUpNoted = true;
          const last = /the last: (.*?)\. Send the same order/.exec(record.gaveUp)?.[1];
          this.note('clients', `the client starts giving up on orders (${record.orderId} after ${this.policy.attempts} attempts${last ? `, the last ${last}` : `: ${record.gaveUp}`})`);
        }
      },
    );
  }

  /** Sends until stop(): one order every 1/perSecond s. */
  async run(): Promise<void> {
    const interval = 1000 / this.perSecond;
    let seq = 0;
    while (!this.stopped) {
      const p = this.submit(++seq).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
      await this.clock.sleep(interval);
    }
  }

  /** Stops sending and waits for the orders already sent to be acknowledged or given up. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
