import { block, getAll, str, type Obj } from '../../plan/index.ts';
import { resolveReferences, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { deadLetterQueues } from './dead-letter-queues.ts';
import { byRegion, presence } from './presence.ts';

export const DR015 = defineRule({
  id: 'DR015', family: 'DR', target: 'plan', severity: 'high', title: 'DLQ alarm in every region',
  checks: 'Every region has an alarm on a dead-letter queue (a queue used as deadLetterTargetArn) of that region.',
  why: 'Messages that fail processing in the newly active region would pile up unseen.',
  fix: 'Alarm on ApproximateNumberOfMessagesVisible of the DLQ in each regional stack.',
  equivalents: [],
  check(ctx) {
    if (!ctx.multiRegion) return;
    const dlqs = deadLetterQueues(ctx);
    const queueTypes = typeSet('aws_sqs_queue');
    const dlqAlarms = ctx.managedOf('aws_cloudwatch_metric_alarm').filter((a) => {
      const dims = [block(a.values, ['dimensions']), ...getAll(a.values, ['metric_query', 'metric', 'dimensions'])];
      let knownName = false;
      for (const d of dims) {
        const qn = d && typeof d === 'object' && !Array.isArray(d) ? str((d as Obj).QueueName) : undefined;
        if (!qn) continue;
        knownName = true;
        if (dlqs.some((q) => str(q.values.name) === qn && q.region === a.region)) return true;
      }
      if (knownName) return false;
      const refs = [...resolveReferences(ctx.index, a, ['dimensions'], queueTypes), ...resolveReferences(ctx.index, a, ['metric_query', 'metric', 'dimensions'], queueTypes)];
      return refs.some((q) => dlqs.includes(q));
    });
    presence(ctx, DR015, 'alarm on a dead-letter queue', byRegion(dlqAlarms),
      'alarm on ApproximateNumberOfMessagesVisible of this region\'s DLQ.',
      (region) => dlqs.find((q) => q.region === region));
  },
});
