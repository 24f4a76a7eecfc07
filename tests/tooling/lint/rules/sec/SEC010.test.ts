import { SEC010 } from '../../../../../tooling/lint/rules/sec/SEC010.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC010, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_s3_bucket.this["artifacts"]'),
    // A single-region plan whose buckets have no companions at all.
    'literal-names': ['aws_s3_bucket.logs', 'aws_s3_bucket.other'],
  },
});
