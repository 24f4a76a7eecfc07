import { defineRule } from '../../rule.ts';
import { policyHolders, statementsOf, wildcardActions } from './policies.ts';

export const SEC013 = defineRule({
  id: 'SEC013', family: 'SEC', target: 'plan', severity: 'high', title: 'No wildcard IAM actions',
  checks: 'No Allow statement in an IAM or resource policy grants Action "*", a service-wide "svc:*", or uses NotAction. KMS key policies are exempt (kms:* to the account root is the AWS default key policy).',
  why: 'Wildcard actions grant every future API of the service as well.',
  fix: 'List the actions the role needs.',
  equivalents: ['Checkov CKV_AWS_62', 'Checkov CKV_AWS_63', 'Trivy AVD-AWS-0057'],
  check(ctx) {
    for (const { inst, path } of policyHolders(ctx)) {
      for (const s of statementsOf(ctx, inst, path).statements ?? []) {
        if (s.effect !== 'Allow') continue;
        const wild = wildcardActions(s.actions);
        if (s.notActions) {
          ctx.emit(SEC013, inst.address, `${inst.address} allows NotAction [${s.actions.join(', ')}]: that grants every other action; list the actions instead.`);
        } else if (wild.length) {
          ctx.emit(SEC013, inst.address, `${inst.address} allows ${wild.map((w) => `"${w}"`).join(', ')}: list the specific actions the principal needs.`);
        }
      }
    }
  },
});
