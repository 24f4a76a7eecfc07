// The simulated clock: a priority queue of timed actions. Actions at the same time run by priority,
// then in the order they were scheduled, so a run is deterministic. No wall clock is read.

export const PRIORITY = {
  /** Scenario faults and actions. */
  scenario: 0,
  /** State machine tasks (start and completion). */
  execution: 1,
  /** Aurora: replication, promotion, fencing and resync timers. */
  database: 2,
  /** Route 53 health checks, the canary and its alarm. */
  checks: 3,
  /** Clients posting orders. */
  clients: 4,
  /** Trade processors draining their queues. */
  processors: 5,
  /** The end of a step: what the invariant checker observes. */
  step: 9,
} as const;

interface Entry {
  at: number;
  priority: number;
  seq: number;
  run: () => void | Promise<void>;
}

export class Scheduler {
  now = 0;
  private readonly heap: Entry[] = [];
  private seq = 0;

  constructor(private readonly onTime: (t: number) => void = () => undefined) {}

  at(time: number, priority: number, run: () => void | Promise<void>): void {
    const e: Entry = { at: Math.max(time, this.now), priority, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** Runs every action due at or before `end`, advancing the clock to each. */
  async runUntil(end: number, afterEach?: () => void): Promise<void> {
    while (this.heap.length && this.heap[0]!.at <= end) {
      const e = this.pop();
      this.now = e.at;
      this.onTime(e.at);
      await e.run();
      afterEach?.();
    }
    this.now = end;
    this.onTime(end);
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at !== b.at ? a.at < b.at : a.priority !== b.priority ? a.priority < b.priority : a.seq < b.seq;
}
