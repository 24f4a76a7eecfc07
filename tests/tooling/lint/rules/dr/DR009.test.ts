import { DR009 } from '../../../../../tooling/lint/rules/dr/DR009.ts';
import { describeRule, P, S } from '../describe-rule.ts';
import { dropChange } from '../../plan-fixtures.ts';

describeRule(DR009, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.global.aws_s3_bucket.primary'],
    'the peer bucket stopped replicating back': {
      fixture: 'good',
      doc: (doc) => (dropChange(doc, `${S}.aws_s3_bucket_replication_configuration.this["artifacts"]`), doc),
      addresses: [`${P}.aws_s3_bucket.this["artifacts"]`],
    },
  },
});
