import { SEC011 } from '../../../../../tooling/lint/rules/sec/SEC011.ts';
import { describeRule } from '../describe-rule.ts';
import { unknownBucketPolicies } from './unknown-policies.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC011, {
  passes: [
    'good',
    'good-prod',
    // No verdict without the policy's statements (SEC019 notes it instead).
    { label: 'bucket policies unknown at plan time', fixture: 'good', doc: unknownBucketPolicies },
  ],
  fails: {
    sec: [`${P}.aws_s3_bucket.this["reports"]`, `${S}.aws_s3_bucket.this["reports"]`],
    // A single-region plan whose buckets have no companions at all.
    'literal-names': ['aws_s3_bucket.logs', 'aws_s3_bucket.other'],
  },
});
