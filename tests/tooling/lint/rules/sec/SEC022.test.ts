import { SEC022 } from '../../../../../tooling/lint/rules/sec/SEC022.ts';
import { change, dropChange } from '../../plan-fixtures.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

const BUCKET = 'module.global.aws_s3_bucket.primary';
const DOC = 'module.global.data.aws_iam_policy_document.tls_primary';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef';

/** A statement of the global primary bucket's policy document, by sid (planned values). */
function statement(doc: Record<string, any>, sid: string): Record<string, any> {
  const st = change(doc, DOC).change.after.statement.find((s: { sid: string }) => s.sid === sid);
  if (!st) throw new Error(`fixture has no ${sid} statement`);
  return st;
}

/** The same statement's configuration block. */
function statementConfig(doc: Record<string, any>, sid: string): Record<string, any> {
  const cfg = doc.configuration.root_module.module_calls.global.module.resources.find((r: { address: string }) => r.address === 'data.aws_iam_policy_document.tls_primary');
  return cfg.expressions.statement.find((s: any) => s.sid?.constant_value === sid);
}

describeRule(SEC022, {
  passes: [
    'good',
    'good-prod',
    {
      label: 'ArnNotEquals on a key ARN known in the plan, the same as the default encryption\'s',
      fixture: 'good',
      doc: (doc) => {
        statement(doc, 'DenyOtherKmsKeys').condition = [{ test: 'ArnNotEquals', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: [KEY_ARN] }];
        const sse = change(doc, 'module.global.aws_s3_bucket_server_side_encryption_configuration.primary').change;
        sse.after.rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id = KEY_ARN;
        sse.after_unknown.rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id = false;
        return doc;
      },
    },
    {
      label: 'SSE-C refused by StringLike on the customer algorithm',
      fixture: 'good',
      doc: (doc) => {
        statement(doc, 'DenySseC').condition = [{ test: 'StringLike', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['*'] }];
        return doc;
      },
    },
  ],
  fails: {
    sec: inBoth('aws_s3_bucket.this["artifacts"]'),
    // cross_region_key: the secondary bucket is encrypted with the primary region's key, its policy pins the replica.
    dr: ['module.global.aws_s3_bucket.secondary'],
    'an SSE-KMS bucket without a bucket policy': {
      fixture: 'good',
      doc: (doc) => {
        dropChange(doc, 'module.global.aws_s3_bucket_policy.primary');
        return doc;
      },
      addresses: [BUCKET],
      messages: ['is encrypted with a KMS key but has no bucket policy'],
    },
    'a policy that pins another key (the logs key) by configuration reference': {
      fixture: 'good',
      doc: (doc) => {
        statementConfig(doc, 'DenyOtherKmsKeys').condition[0].values = { references: ['aws_kms_key.this["logs"].arn', 'aws_kms_key.this["logs"]', 'aws_kms_key.this'] };
        return doc;
      },
      addresses: [BUCKET],
      messages: ["a Deny of s3:PutObject when s3:x-amz-server-side-encryption-aws-kms-key-id is not this bucket's key"],
    },
    'a known key ARN that is not the bucket\'s key': {
      fixture: 'good',
      doc: (doc) => {
        statement(doc, 'DenyOtherKmsKeys').condition[0].values = [KEY_ARN];
        return doc;
      },
      addresses: [BUCKET],
      messages: ['is not this bucket\'s key'],
    },
    'an SSE-C Deny narrowed by another condition': {
      fixture: 'good',
      doc: (doc) => {
        statement(doc, 'DenySseC').condition.push({ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['444455556666'] });
        return doc;
      },
      addresses: [BUCKET],
      messages: ['when s3:x-amz-server-side-encryption-customer-algorithm is present (SSE-C)'],
    },
  },
});
