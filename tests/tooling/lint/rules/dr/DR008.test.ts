import { DR008 } from '../../../../../tooling/lint/rules/dr/DR008.ts';
import { describeRule } from '../describe-rule.ts';
import { dropChange } from '../../plan-fixtures.ts';

const S = 'module.region_secondary';

describeRule(DR008, {
  passes: ['good', 'good-prod', 'literal-names'],
  fails: {
    dr: ['module.global.aws_s3_bucket.secondary'],
    'a bucket whose replication configuration is gone (destinations given as literal ARNs)': {
      fixture: 'good',
      doc: (doc) => (dropChange(doc, `${S}.aws_s3_bucket_replication_configuration.this["artifacts"]`), doc),
      addresses: [`${S}.aws_s3_bucket.this["artifacts"]`],
    },
  },
});
