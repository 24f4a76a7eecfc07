import { SEC019 } from '../../../../../tooling/lint/rules/sec/SEC019.ts';
import { describeRule } from '../describe-rule.ts';
import { P, unknownBucketPolicies, unknownRolePolicy } from './unknown-policies.ts';

describeRule(SEC019, {
  passes: ['good', 'good-prod'],
  fails: {
    'an identity policy unknown at plan time': {
      fixture: 'good',
      doc: unknownRolePolicy,
      addresses: [`${P}.aws_iam_role_policy.processor`],
      messages: ['IAM checks skipped for it'],
    },
    'bucket policies unknown at plan time': {
      fixture: 'good',
      doc: unknownBucketPolicies,
      addresses: [`${P}.aws_s3_bucket_policy.this["artifacts"]`, `${P}.aws_s3_bucket_policy.this["reports"]`],
      messages: ['the TLS-only check was skipped'],
    },
  },
});
