import { defineRule } from '../../rule.ts';
import { conditionKeyApplies, iamAction, iamActionsMatching } from '../../../aws-models/iam.ts';
import { policyDocuments } from './policies.ts';

export const API002 = defineRule({
  id: 'API002', family: 'API', target: 'plan', severity: 'high', title: 'IAM condition keys apply to their actions',
  checks: 'Every condition key of a statement is a global condition key or one the Service Authorization Reference lists for each of the statement\'s actions (for the action or one of its resource types); keys with a variable part (kms:EncryptionContext:<key>, aws:PrincipalTag/<key>) match their template.',
  why: 'A condition on a key the request never carries is false (or, with IfExists, vacuous): the statement silently stops granting, or stops restricting, what it was written for.',
  fix: 'Use a key the action supports (see its row in the Service Authorization Reference), a global key, or move the action to a statement of its own.',
  equivalents: ['IAM Access Analyzer policy validation (WARNING: unsupported condition key for service or action)'],
  check(ctx) {
    for (const { inst, statements } of policyDocuments(ctx)) {
      for (const s of statements) {
        if (!s.conditions.length || s.notActions) continue;
        const actions = s.actions.flatMap((a) => (a === '*' ? [] : /[*?]/.test(a) ? iamActionsMatching(a) : [a]));
        for (const c of s.conditions) {
          const misses = actions.filter((a) => {
            const details = iamAction(a);
            return details !== undefined && !conditionKeyApplies(details, c.variable);
          });
          if (misses.length) {
            ctx.emit(API002, inst.address, `${inst.address} conditions ${misses.join(', ')} on ${c.variable}, which IAM does not define for ${misses.length > 1 ? 'those actions' : 'that action'} and is not a global condition key: use a key the action supports or split the statement.`);
          }
        }
      }
    }
  },
});
