// The SQS queue model: visibility timeout, redelivery and the dead-letter queue after max receives.
import { describe, expect, it } from 'vitest';
import { Queue, type Message } from '../../../../tooling/drill/lifecycle/sqs.ts';

const message = (id: string): Message => ({ messageId: id, orderId: id, body: '{}', ackAt: 0, receiveCount: 0 });

describe('SQS queue', () => {
  it('hides a received message for the visibility timeout and redelivers it if it was not deleted', () => {
    const q = new Queue();
    q.send(message('a'));
    q.send(message('b'));
    const first = q.receive(0, 10, 180, 5);
    expect(first.received.map((m) => m.messageId)).toEqual(['a', 'b']);
    q.delete([first.received[0]!]);
    expect(q.hasVisible(179)).toBe(false);
    expect(q.length).toBe(1);
    expect(q.receive(180, 10, 180, 5).received.map((m) => [m.messageId, m.receiveCount])).toEqual([['b', 2]]);
  });

  it('moves a message to the dead-letter queue on the receive after max_receive_count', () => {
    const q = new Queue();
    q.send(message('poison'));
    for (let i = 0; i < 5; i++) expect(q.receive(i * 180, 10, 180, 5).received).toHaveLength(1);
    const last = q.receive(5 * 180, 10, 180, 5);
    expect(last.received).toEqual([]);
    expect(last.deadLettered.map((m) => m.messageId)).toEqual(['poison']);
    expect(q.deadLetters).toHaveLength(1);
    expect(q.length).toBe(0);
  });

  it('receives at most `max` messages at once', () => {
    const q = new Queue();
    for (let i = 0; i < 25; i++) q.send(message(`m${i}`));
    expect(q.receive(0, 10, 180, 5).received).toHaveLength(10);
    expect(q.length).toBe(25);
  });

  it('ChangeMessageVisibility brings a message in flight back that many seconds after the change, earlier or later', () => {
    const q = new Queue();
    q.send(message('early'));
    q.send(message('late'));
    const [early, late] = q.receive(0, 10, 180, 5).received;
    expect(early!.receiptHandle).toBe('rh-early-1');
    expect(q.changeVisibility(early!.receiptHandle!, 10, 5.5)).toBe(true);
    expect(q.changeVisibility(late!.receiptHandle!, 10, 300)).toBe(true);
    expect(q.visibleCount(15)).toBe(0);
    expect(q.visibleCount(16)).toBe(1);
    const again = q.receive(16, 10, 180, 5).received;
    expect(again.map((m) => m.messageId)).toEqual(['early']);
    q.delete(again);
    // The original 180 s bucket no longer holds `late`.
    expect(q.hasVisible(180)).toBe(false);
    expect(q.visibleCount(309)).toBe(0);
    expect(q.visibleCount(310)).toBe(1);
    expect(q.length).toBe(1);
  });

  it('refuses a visibility change for a handle that is not in flight', () => {
    const q = new Queue();
    q.send(message('a'));
    const [a] = q.receive(0, 10, 30, 5).received;
    expect(q.changeVisibility('rh-unknown-1', 1, 10)).toBe(false);
    q.delete([a!]);
    expect(q.changeVisibility(a!.receiptHandle!, 1, 10)).toBe(false);
    expect(q.visibleCount(100)).toBe(0);
  });
});
