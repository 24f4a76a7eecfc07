import { API002 } from '../../../../../tooling/lint/rules/api/API002.ts';
import { describeRule } from '../describe-rule.ts';
import { editStatement, PROCESSOR_POLICY } from './edit-plan.ts';

const condition = (variable: string) => ({ test: 'StringEquals', variable, values: ['x'] });

describeRule(API002, {
  passes: [
    'good',
    'good-prod',
    { label: 'a key DynamoDB lists for PutItem (dynamodb:LeadingKeys)', fixture: 'good', doc: (d) => editStatement(d, 'Sessions', (s) => s.condition.push(condition('dynamodb:LeadingKeys'))) },
    { label: 'a global key (aws:SourceVpce) and a tag key with its variable part (aws:ResourceTag/team)', fixture: 'good', doc: (d) => editStatement(d, 'Sessions', (s) => s.condition.push(condition('aws:SourceVpce'), condition('aws:ResourceTag/team'))) },
  ],
  fails: {
    'kms:ViaService on DynamoDB actions': {
      fixture: 'good',
      doc: (d) => editStatement(d, 'Sessions', (s) => s.condition.push(condition('kms:ViaService'))),
      addresses: [PROCESSOR_POLICY('primary'), PROCESSOR_POLICY('secondary')],
      messages: ['dynamodb:PutItem, dynamodb:UpdateItem on kms:ViaService'],
    },
    'a misspelt global key (aws:SourceVPC)': {
      fixture: 'good',
      doc: (d) => editStatement(d, 'Queue', (s) => s.condition.push(condition('aws:SourceVPC2'))),
      addresses: [PROCESSOR_POLICY('primary'), PROCESSOR_POLICY('secondary')],
    },
  },
});
