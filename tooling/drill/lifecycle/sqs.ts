// A standard SQS queue with a redrive policy, as the trade processor's event source meets it
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html,
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html):
// a received message is invisible for the visibility timeout; one that is not deleted becomes visible
// again; a message received max_receive_count times moves to the dead-letter queue on its next receive.
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
}

export class Queue {
  private visible: Message[] = [];
  private head = 0;
  /** In-flight messages by the second they become visible again; `due` holds those seconds in order. */
  private readonly inflight = new Map<number, Message[]>();
  private readonly due: number[] = [];
  private dueHead = 0;
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
      const back = Math.ceil(now + visibilityTimeout);
      let bucket = this.inflight.get(back);
      if (!bucket) {
        bucket = [];
        this.inflight.set(back, bucket);
        this.due.push(back);
      }
      bucket.push(m);
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
      this.count--;
    }
  }

  /** Whether a receive at `now` would find anything. */
  hasVisible(now: number): boolean {
    this.release(now);
    return this.head < this.visible.length;
  }

  private release(now: number): void {
    while (this.dueHead < this.due.length && this.due[this.dueHead]! <= now) {
      const at = this.due[this.dueHead++]!;
      const bucket = this.inflight.get(at) ?? [];
      this.inflight.delete(at);
      for (const m of bucket) if (!m.deleted) this.visible.push(m);
    }
    if (this.dueHead > 1024) {
      this.due.splice(0, this.dueHead);
      this.dueHead = 0;
    }
  }
}
