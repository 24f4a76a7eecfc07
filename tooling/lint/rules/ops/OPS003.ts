import type { Instance } from '../../plan/index.ts';
import { isSet, targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const QUEUE_TYPES = typeSet('aws_sqs_queue');

export const OPS003 = defineRule({
  id: 'OPS003', family: 'OPS', target: 'plan', severity: 'high', title: 'Consumed queues have a DLQ',
  checks: 'An aws_sqs_queue read by an aws_lambda_event_source_mapping has a redrive policy (inline or aws_sqs_queue_redrive_policy).',
  why: 'A poison message would otherwise be retried until it expires, blocking or losing orders.',
  fix: 'Add a redrive policy to the DLQ with maxReceiveCount.',
  equivalents: [],
  check(ctx) {
    const redrives = ctx.companions('aws_sqs_queue_redrive_policy', ['queue_url'], ['aws_sqs_queue']);
    const consumed = new Map<string, Instance>();
    for (const esm of ctx.managedOf('aws_lambda_event_source_mapping')) {
      // Only a mapping that resolves to one queue says which queue is consumed.
      const queues = targetsOf(ctx.index, esm, ['event_source_arn'], QUEUE_TYPES);
      if (queues.length === 1) consumed.set(queues[0]!.address, queues[0]!);
    }
    for (const q of [...consumed.values()].sort((a, b) => a.address.localeCompare(b.address))) {
      if (!isSet(q, ['redrive_policy']) && !(redrives.get(q.address)?.length)) {
        ctx.emit(OPS003, q.address, `${q.address} is consumed by a Lambda event source mapping but has no redrive policy: add a DLQ with maxReceiveCount.`);
      }
    }
  },
});
