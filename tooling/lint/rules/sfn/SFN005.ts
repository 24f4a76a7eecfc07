import { defineRule } from '../../rule.ts';
import { parseTaskResource } from '../../../aws-models/step-functions.ts';
import type { AslState } from '../../../asl/template.ts';
import { templates } from './tasks.ts';

// Every task token a state hands out: `$$.Task.Token` anywhere in its Parameters (a key ending in .$
// whose path or intrinsic names it).
function sendsToken(state: AslState): boolean {
  const seen = (v: unknown): boolean =>
    typeof v === 'string' ? v.includes('$$.Task.Token') : Array.isArray(v) ? v.some(seen) : !!v && typeof v === 'object' && Object.values(v).some(seen);
  return seen(state.Parameters ?? {});
}

function statesOf(states: Record<string, AslState>, prefix = ''): [string, AslState][] {
  return Object.entries(states).flatMap(([name, s]) => {
    const inner = (s.ItemProcessor ?? s.Iterator) as { States?: Record<string, AslState> } | undefined;
    const branches = (s.Branches ?? []) as { States?: Record<string, AslState> }[];
    return [
      [`${prefix}States.${name}`, s] as [string, AslState],
      ...(inner?.States ? statesOf(inner.States, `${prefix}States.${name}.ItemProcessor.`) : []),
      ...branches.flatMap((b, i) => (b.States ? statesOf(b.States, `${prefix}States.${name}.Branches[${i}].`) : [])),
    ];
  });
}

export const SFN005 = defineRule({
  id: 'SFN005', family: 'SFN', target: 'hcl', severity: 'high', title: 'A task token goes only to a queue',
  checks: 'A Task that passes $$.Task.Token is a .waitForTaskToken task of sqs:sendMessage (a queue whose readers its policy names), and no other Task (sns:publish above all, which delivers to every subscriber) carries the token.',
  why: 'Whoever holds a recovery\'s task token can approve it with states:SendTaskSuccess. A token published to a topic reaches every subscriber (mail lists, chat, paging tools), so the two-person approval is only as strict as the topic\'s subscription list.',
  fix: 'Send the token with arn:aws:states:::sqs:sendMessage.waitForTaskToken to a queue that only the approver role may read (modules/failover-orchestrator/modules/region/approvals.tf), and publish a token-free notice to the topic.',
  equivalents: [],
  check(ctx) {
    for (const t of templates(ctx)) {
      if (!t.states) continue;
      for (const [block, state] of statesOf(t.states)) {
        if (state.Type !== 'Task' || !sendsToken(state)) continue;
        const r = parseTaskResource(typeof state.Resource === 'string' ? state.Resource : '');
        const toQueue = r.kind === 'optimised' && r.service === 'sqs' && r.action === 'sendMessage' && r.pattern === 'wait-for-task-token';
        if (!toQueue) ctx.emit(SFN005, t.file, block, `${block} passes $$.Task.Token to ${String(state.Resource)}: send it only with sqs:sendMessage.waitForTaskToken to the approval queue, and keep notices token-free.`);
      }
    }
  },
});
