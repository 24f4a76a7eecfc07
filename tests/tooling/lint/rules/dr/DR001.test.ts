import { DR001 } from '../../../../../tooling/lint/rules/dr/DR001.ts';
import { describeRule } from '../describe-rule.ts';
import { dropChange } from '../../plan-fixtures.ts';

const S = 'module.region_secondary';

describeRule(DR001, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: [S],
    'a companion missing in one module instance only': {
      fixture: 'good',
      doc: (doc) => (dropChange(doc, `${S}.aws_s3_bucket_versioning.this["reports"]`), doc),
      addresses: [S],
      messages: ['aws_s3_bucket_versioning 1 vs 2'],
    },
  },
});
