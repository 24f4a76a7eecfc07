import { API003 } from '../../../../../tooling/lint/rules/api/API003.ts';
import { describeRule, inBoth } from '../describe-rule.ts';
import { editStatement, PROCESSOR_POLICY } from './edit-plan.ts';

describeRule(API003, {
  passes: [
    'good',
    'good-prod',
    { label: 'actions IAM gives no resource type on "*" (ec2:DescribeSubnets, cloudwatch:GetMetricData)', fixture: 'good', doc: (d) => editStatement(d, 'Tracing', (s) => s.actions.push('ec2:DescribeSubnets', 'cloudwatch:GetMetricData')) },
  ],
  fails: {
    sec: inBoth('aws_iam_role_policy.processor'),
    'dynamodb:PutItem on "*"': {
      fixture: 'good',
      doc: (d) => editStatement(d, 'Sessions', (s) => { s.resources = ['*']; }),
      addresses: [PROCESSOR_POLICY('primary'), PROCESSOR_POLICY('secondary')],
      messages: ['dynamodb:PutItem (table)'],
    },
  },
});
