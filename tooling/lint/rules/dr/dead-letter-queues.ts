// Which queues are dead-letter queues (DR015), worked out once per run.
import { regionOfArn, str, type Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import { resolveReferences, typeSet } from '../../plan/references.ts';

/**
 * Queues that some redrive policy names as deadLetterTargetArn (inline or aws_sqs_queue_redrive_policy),
 * plus queues named as dead-letter queues (a DLQ whose redrive link is missing is still a DLQ).
 */
export function deadLetterQueues(ctx: RuleContext): Instance[] {
  return ctx.memo(deadLetterQueues, () => {
    const { index } = ctx;
    const out = new Map<string, Instance>();
    const queueTypes = typeSet('aws_sqs_queue');
    const holders = [...ctx.managedOf('aws_sqs_queue'), ...ctx.managedOf('aws_sqs_queue_redrive_policy')];
    for (const h of holders) {
      const policy = h.values.redrive_policy;
      if (typeof policy === 'string' && policy) {
        try {
          const arn = (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
          for (const q of arn ? index.byValue.get(arn) ?? [] : []) if (q.type === 'aws_sqs_queue') out.set(q.address, q);
          const name = arn?.split(':').pop();
          for (const q of name ? index.byValue.get(name) ?? [] : []) if (q.type === 'aws_sqs_queue' && q.region === regionOfArn(arn!)) out.set(q.address, q);
        } catch {
          // Not JSON: the plan would fail at apply; nothing to resolve here.
        }
      }
      for (const q of resolveReferences(index, h, ['redrive_policy'], queueTypes)) if (q.address !== h.address) out.set(q.address, q);
    }
    for (const q of ctx.managedOf('aws_sqs_queue')) {
      if (/(^|[-_.])(dlq|dead-?letter)([-_.]|$)/i.test(str(q.values.name) ?? q.name)) out.set(q.address, q);
    }
    return [...out.values()];
  });
}
