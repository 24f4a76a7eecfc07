import { SEC012 } from '../../../../../tooling/lint/rules/sec/SEC012.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC012, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_s3_bucket.this["artifacts"]`,
      `${S}.aws_s3_bucket.this["artifacts"]`,
    ],
    // A single-region plan whose buckets have no companions at all.
    'literal-names': ['aws_s3_bucket.logs', 'aws_s3_bucket.other'],
  },
});
