import { SEC001 } from '../../../../../tooling/lint/rules/sec/SEC001.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC001, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_s3_bucket.this["reports"]'),
    // A single-region plan whose buckets have no companions at all.
    'literal-names': ['aws_s3_bucket.logs', 'aws_s3_bucket.other'],
  },
});
