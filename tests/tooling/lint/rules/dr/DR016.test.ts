import { DR016 } from '../../../../../tooling/lint/rules/dr/DR016.ts';
import { describeRule } from '../describe-rule.ts';
import { change } from '../../plan-fixtures.ts';

const TABLE = 'module.global.aws_dynamodb_table.sessions';
const PRIMARY_KEY = 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef';

describeRule(DR016, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.global.aws_s3_bucket_server_side_encryption_configuration.secondary_wrong_key[0]'],
    'a DynamoDB replica whose known key ARN is in another region': {
      fixture: 'good',
      doc: (doc) => {
        const table = change(doc, TABLE);
        table.change.after.replica[0].kms_key_arn = PRIMARY_KEY;
        table.change.after_unknown.replica[0].kms_key_arn = false;
        return doc;
      },
      addresses: [TABLE],
      messages: ['replica in us-east-2 uses a KMS key from us-east-1'],
    },
  },
});
