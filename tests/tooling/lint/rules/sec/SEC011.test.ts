import { SEC011 } from '../../../../../tooling/lint/rules/sec/SEC011.ts';
import { describeRule, inBoth } from '../describe-rule.ts';
import { unknownBucketPolicies } from './unknown-policies.ts';

describeRule(SEC011, {
  passes: [
    'good',
    'good-prod',
    // No verdict without the policy's statements (SEC019 notes it instead).
    { label: 'bucket policies unknown at plan time', fixture: 'good', doc: unknownBucketPolicies },
  ],
  fails: {
    sec: inBoth('aws_s3_bucket.this["reports"]'),
    // A single-region plan whose buckets have no companions at all.
    'literal-names': ['aws_s3_bucket.logs', 'aws_s3_bucket.other'],
  },
});
