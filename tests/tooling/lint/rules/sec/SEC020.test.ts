import { SEC020 } from '../../../../../tooling/lint/rules/sec/SEC020.ts';
import { describeRule } from '../describe-rule.ts';

const KEYS = ['data', 'database', 'logs'].flatMap((d) => [`module.global.aws_kms_key.this["${d}"]`, `module.global.aws_kms_replica_key.this["${d}"]`]);
const DATA_KEY = 'module.global.aws_kms_key.this["data"]';

/** The planned data key and its configuration block, for edits of one key. */
function dataKey(doc: Record<string, any>) {
  const rc = doc.resource_changes.find((r: { address: string }) => r.address === DATA_KEY);
  const pv = doc.planned_values.root_module.child_modules.find((m: { address: string }) => m.address === 'module.global')
    .resources.find((r: { address: string }) => r.address === DATA_KEY);
  const cfg = doc.configuration.root_module.module_calls.global.module.resources.find((r: { address: string }) => r.address === 'aws_kms_key.this');
  return { rc, pv, cfg };
}

const policyOf = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROOT = { AWS: 'arn:aws:iam::111122223333:root' };
const ADMIN = 'arn:aws:iam::111122223333:role/key-admin';
const DENY = { Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'], Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': ADMIN } } };

/** The data key with a literal JSON policy (the plan knows it), the configuration expression kept. */
const withPolicy = (statements: unknown[]) => (doc: Record<string, any>) => {
  const { rc, pv } = dataKey(doc);
  rc.change.after.policy = pv.values.policy = policyOf(statements);
  return doc;
};

describeRule(SEC020, {
  passes: [
    'good',
    'good-prod',
    { label: 'the account root with kms:* and a Deny of the three actions outside the admin role', fixture: 'good', doc: withPolicy([{ Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }, DENY]) },
    { label: 'a Deny through a wildcard (kms:Disable*, kms:Schedule*, kms:Put*) with ArnNotLike', fixture: 'good', doc: withPolicy([
      { Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' },
      { ...DENY, Action: ['kms:Disable*', 'kms:Schedule*', 'kms:Put*'], Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/break-glass-*'] } } },
    ]) },
    { label: 'administration by a named role only (nothing for the root)', fixture: 'good', doc: withPolicy([{ Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' }]) },
  ],
  fails: {
    sec: KEYS,
    'the account root with kms:* and no Deny': {
      fixture: 'good',
      doc: withPolicy([{ Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }]),
      addresses: [DATA_KEY],
      messages: ['lets the account root or "*" call kms:ScheduleKeyDeletion, kms:DisableKey, kms:PutKeyPolicy with no Deny'],
    },
    'a Deny without a principal condition (it would lock out everyone, so it is not the guard)': {
      fixture: 'good',
      doc: withPolicy([{ Effect: 'Allow', Principal: '*', Action: ['kms:ScheduleKeyDeletion'], Resource: '*' }, { ...DENY, Condition: undefined }]),
      addresses: [DATA_KEY],
      messages: ['call kms:ScheduleKeyDeletion with no Deny'],
    },
    'a Deny that leaves PutKeyPolicy out': {
      fixture: 'good',
      doc: withPolicy([{ Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }, { ...DENY, Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'] }]),
      addresses: [DATA_KEY],
    },
    'a key without a policy (the AWS default: root kms:*)': {
      fixture: 'good',
      doc: (doc) => {
        const { rc, pv, cfg } = dataKey(doc);
        delete rc.change.after.policy;
        delete pv.values.policy;
        rc.change.after_unknown = { ...rc.change.after_unknown, policy: true };
        delete cfg.expressions.policy;
        return doc;
      },
      addresses: [DATA_KEY],
      messages: ['has no key policy, so the AWS default gives the account root kms:*'],
    },
  },
});
