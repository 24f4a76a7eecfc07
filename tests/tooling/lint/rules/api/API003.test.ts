import { API003 } from '../../../../../tooling/lint/rules/api/API003.ts';
import { describeRule } from '../describe-rule.ts';
import { editStatement, PROCESSOR_POLICY } from './edit-plan.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(API003, {
  passes: [
    'good',
    'good-prod',
    { label: 'actions IAM gives no resource type on "*" (ec2:DescribeSubnets, cloudwatch:GetMetricData)', fixture: 'good', doc: (d) => editStatement(d, 'Tracing', (s) => s.actions.push('ec2:DescribeSubnets', 'cloudwatch:GetMetricData')) },
  ],
  fails: {
    sec: [`${P}.aws_iam_role_policy.processor`, `${S}.aws_iam_role_policy.processor`],
    'dynamodb:PutItem on "*"': {
      fixture: 'good',
      doc: (d) => editStatement(d, 'Sessions', (s) => { s.resources = ['*']; }),
      addresses: [PROCESSOR_POLICY('primary'), PROCESSOR_POLICY('secondary')],
      messages: ['dynamodb:PutItem (table)'],
    },
  },
});
