import type { Statement } from '../../plan/policy.ts';
import { defineRule } from '../../rule.ts';
import { covers, statementsOf } from './policies.ts';

/** Actions that destroy a key or take its protection away: decision 006's guarded set. */
const GUARDED = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'];
const PRINCIPAL_CONDITIONS = new Set(['aws:principalarn', 'aws:userid', 'aws:principalaccount']);
const NEGATED_TESTS = /^(arnnotequals|arnnotlike|stringnotequals|stringnotlike)(ifexists)?$/i;

/** The account root (`arn:...:iam::<id>:root` or a bare account ID) stands for every principal IAM lets in. */
const broad = (p: string) => p === '*' || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(p) || /^\d{12}$/.test(p);

/** A Deny for everyone (principal "*") of every guarded action, except principals named in a negated condition. */
function guards(statements: Statement[]): boolean {
  return GUARDED.every((action) => statements.some((s) => s.effect === 'Deny' && s.principals.includes('*') && covers(s, action)
    && s.conditions.some((c) => NEGATED_TESTS.test(c.test) && PRINCIPAL_CONDITIONS.has(c.variable.toLowerCase()) && c.values.length > 0)));
}

export const SEC020 = defineRule({
  id: 'SEC020', family: 'SEC', target: 'plan', severity: 'high', title: 'KMS key administration limited to a named role',
  checks: 'A KMS key (or replica) whose policy lets the account root or "*" disable, delete or re-policy it (kms:*, kms:ScheduleKeyDeletion, kms:DisableKey, kms:PutKeyPolicy, or a wildcard covering them) also denies those three actions to every principal but a named one (a Deny for "*" with aws:PrincipalArn in an ArnNotEquals/ArnNotLike condition). A key with no policy gets AWS\'s default policy (the account root, kms:*) and is reported too.',
  why: 'Granting the account root admin rights delegates them to every IAM policy in the account: any role with kms:* can schedule a multi-region key\'s deletion (crypto-shredding the Object Lock records in both regions) or disable the replica (taking the DR copy offline).',
  fix: 'Grant the account only non-destructive administration and add a Deny of kms:ScheduleKeyDeletion, kms:DisableKey and kms:PutKeyPolicy for principal "*" unless aws:PrincipalArn is the key administrator role (decision 006, modules/global-data/kms.tf).',
  equivalents: ['Checkov CKV_AWS_33 (KMS key policy wildcard principal)'],
  check(ctx) {
    for (const key of ctx.managedOf('aws_kms_key', 'aws_kms_replica_key')) {
      // Not configured: the provider leaves the policy computed, and AWS applies its default.
      const configured = typeof key.values.policy === 'string' || key.config?.expressions?.policy !== undefined;
      if (!configured) {
        ctx.emit(SEC020, key.address, `${key.address} has no key policy, so the AWS default gives the account root kms:*: set a policy with a Deny of ${GUARDED.join(', ')} outside the key administrator role.`);
        continue;
      }
      // A policy unknown at plan time gives no verdict (SEC019 notes it).
      const statements = statementsOf(ctx, key).statements;
      if (!statements) continue;
      const open = statements.filter((s) => s.effect === 'Allow' && s.principals.some(broad) && GUARDED.some((a) => covers(s, a)));
      if (open.length && !guards(statements)) {
        const granted = GUARDED.filter((a) => open.some((s) => covers(s, a)));
        ctx.emit(SEC020, key.address, `${key.address} lets the account root or "*" call ${granted.join(', ')} with no Deny for other principals: deny ${GUARDED.join(', ')} to "*" unless aws:PrincipalArn is the key administrator role.`);
      }
    }
  },
});
