// A standard SQS queue with a redrive policy, as the trade processor's event source meets it
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html,
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html):
// a received message is invisible for the visibility timeout; one that is not deleted becomes visible
// again; a message received max_receive_count times moves to the dead-letter queue on its next receive.
// A consumer can change the visibility of a message it holds (ChangeMessageVisibility, by receipt
// handle): it then comes back that many seconds after the change
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
// Messages in flight wait in per-second buckets, so a large backlog costs nothing while it is invisible.

export interface Message {
  messageId: string;
  orderId: string;
  body: string;
  ackAt: number;
  receiveCount: number;
  lastError?: string;
  /** Deleted while in flight: dropped when its visibility timeout ends. */
  deleted?: boolean;
  /** The receipt handle of its latest receive. */
  receiptHandle?: string;
  /** The second it becomes visible again while in flight (the bucket it counts in). */
  visibleAt?: number;
}

export class Queue {
  private visible: Message[] = [];
  private head = 0;
  /** In-flight messages by the second they become visible again; `due` holds those seconds in order. */
  private readonly inflight = new Map<number, Message[]>();
  private readonly due: number[] = [];
  private dueHead = 0;
  /** In-flight messages by receipt handle. */
  private readonly handles = new Map<string, Message>();
  readonly deadLetters: Message[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  send(m: Message): void {
    this.visible.push(m);
    this.count++;
  }

  /**
   * Receives up to `max` visible messages at `now`, making them invisible for `visibilityTimeout`.
   * Messages already received `maxReceiveCount` times go to the dead-letter queue instead (returned as `deadLettered`).
   */
  receive(now: number, max: number, visibilityTimeout: number, maxReceiveCount: number): { received: Message[]; deadLettered: Message[] } {
    this.release(now);
    const received: Message[] = [];
    const deadLettered: Message[] = [];
    while (received.length < max && this.head < this.visible.length) {
      const m = this.visible[this.head++]!;
      if (m.receiveCount >= maxReceiveCount) {
        this.deadLetters.push(m);
        deadLettered.push(m);
        this.count--;
        continue;
      }
      m.receiveCount++;
      received.push(m);
      if (m.receiptHandle) this.handles.delete(m.receiptHandle);
      m.receiptHandle = `rh-${m.messageId}-${m.receiveCount}`;
      this.handles.set(m.receiptHandle, m);
      this.park(m, Math.ceil(now + visibilityTimeout));
    }
    if (this.head > 1024 && this.head * 2 > this.visible.length) {
      this.visible = this.visible.slice(this.head);
      this.head = 0;
    }
    return { received, deadLettered };
  }

  /** Deletes received messages (the processor succeeded with them). */
  delete(messages: Iterable<Message>): void {
    for (const m of messages) {
      if (m.deleted) continue;
      m.deleted = true;
      if (m.receiptHandle) this.handles.delete(m.receiptHandle);
      this.count--;
    }
  }

  /**
   * ChangeMessageVisibility: the in-flight message with this receipt handle becomes visible
   * `seconds` after `now`. False when the handle is not that of a message in flight.
   */
  changeVisibility(receiptHandle: string, now: number, seconds: number): boolean {
    this.release(now);
    const m = this.handles.get(receiptHandle);
    if (!m || m.deleted || m.visibleAt === undefined || m.visibleAt <= now) return false;
    this.park(m, Math.ceil(now + seconds));
    return true;
  }

  /** Whether a receive at `now` would find anything. */
  hasVisible(now: number): boolean {
    this.release(now);
    return this.head < this.visible.length;
  }

  /** ApproximateNumberOfMessages at `now` (exact here); the rest of `length` is in flight. */
  visibleCount(now: number): number {
    this.release(now);
    return this.visible.length - this.head;
  }

  /** Makes an in-flight message visible again at second `at` (a later change moves it; the old bucket skips it). */
  private park(m: Message, at: number): void {
    m.visibleAt = at;
    let bucket = this.inflight.get(at);
    if (!bucket) {
      bucket = [];
      this.inflight.set(at, bucket);
      // `due` stays sorted: insert in order (a change can move a message earlier than the latest bucket).
      let i = this.due.length;
      while (i > this.dueHead && this.due[i - 1]! > at) i--;
      this.due.splice(i, 0, at);
    }
    bucket.push(m);
  }

  private release(now: number): void {
    while (this.dueHead < this.due.length && this.due[this.dueHead]! <= now) {
      const at = this.due[this.dueHead++]!;
      const bucket = this.inflight.get(at) ?? [];
      this.inflight.delete(at);
      for (const m of bucket) {
        if (m.deleted || m.visibleAt !== at) continue;
        m.visibleAt = undefined;
        if (m.receiptHandle) this.handles.delete(m.receiptHandle);
        this.visible.push(m);
      }
    }
    if (this.dueHead > 1024) {
      this.due.splice(0, this.dueHead);
      this.dueHead = 0;
    }
  }
}
