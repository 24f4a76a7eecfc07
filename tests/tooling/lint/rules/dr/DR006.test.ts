import { DR006 } from '../../../../../tooling/lint/rules/dr/DR006.ts';
import { describeRule } from '../describe-rule.ts';
import { change } from '../../plan-fixtures.ts';

describeRule(DR006, {
  passes: ['good', 'good-prod'],
  fails: {
    'dr-global': ['module.global.aws_dynamodb_table.sessions'],
    'a table with no replica at all': {
      fixture: 'good',
      doc: (doc) => {
        const table = change(doc, 'module.global.aws_dynamodb_table.sessions');
        table.change.after.replica = [];
        table.change.after_unknown.replica = [];
        return doc;
      },
      addresses: ['module.global.aws_dynamodb_table.sessions'],
      messages: ['has no replica: the sessions table must be a global table'],
    },
  },
});
