import { API001 } from '../../../../../tooling/lint/rules/api/API001.ts';
import { describeRule } from '../describe-rule.ts';
import { editStatement, PROCESSOR_POLICY } from './edit-plan.ts';

const both = [PROCESSOR_POLICY('primary'), PROCESSOR_POLICY('secondary')];

describeRule(API001, {
  passes: [
    'good',
    'good-prod',
    { label: 'a wildcard that matches real actions (dynamodb:Describe*)', fixture: 'good', doc: (d) => editStatement(d, 'Sessions', (s) => s.actions.push('dynamodb:Describe*')) },
  ],
  fails: {
    'a mistyped action (dynamodb:UpdateItems)': {
      fixture: 'good',
      doc: (d) => editStatement(d, 'Sessions', (s) => { s.actions = ['dynamodb:PutItem', 'dynamodb:UpdateItems']; }),
      addresses: both,
      messages: ['dynamodb:UpdateItems', /did you mean dynamodb:UpdateItem\b/],
    },
    'an action from the API name rather than IAM\'s (sqs:ReceiveMessages), and an unknown service prefix (xrays:)': {
      fixture: 'good',
      doc: (d) => {
        editStatement(d, 'Queue', (s) => { s.actions = ['sqs:DeleteMessage', 'sqs:ReceiveMessages']; });
        return editStatement(d, 'Tracing', (s) => { s.actions = ['xrays:PutTraceSegments']; });
      },
      addresses: [...both, ...both],
      messages: ['IAM has no service prefix "xrays"', 'sqs has no action ReceiveMessages'],
    },
  },
});
