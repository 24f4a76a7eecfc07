import { OPS010 } from '../../../../../tooling/lint/rules/ops/OPS010.ts';
import { describeRule, S, inBoth } from '../describe-rule.ts';
import { dropChange } from '../../plan-fixtures.ts';

describeRule(OPS010, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: inBoth('aws_s3_bucket.this["reports"]'),
    // Companions matched by a literal bucket name; a companion being deleted does not count.
    'literal-names': ['aws_s3_bucket.other'],
    'a companion missing in one module instance only': {
      fixture: 'good',
      doc: (doc) => (dropChange(doc, `${S}.aws_s3_bucket_versioning.this["reports"]`), doc),
      addresses: [`${S}.aws_s3_bucket.this["reports"]`],
    },
  },
});
