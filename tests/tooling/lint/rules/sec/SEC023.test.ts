import { SEC023 } from '../../../../../tooling/lint/rules/sec/SEC023.ts';
import { change } from '../../plan-fixtures.ts';
import { describeRule, inBoth, P } from '../describe-rule.ts';

const ENDPOINT = `${P}.aws_vpc_endpoint.sqs`;

/** The primary interface endpoint with a policy known in the plan. */
const withPolicy = (statement: Record<string, unknown>) => (doc: Record<string, any>) => {
  const rc = change(doc, ENDPOINT).change;
  rc.after.policy = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  rc.after_unknown.policy = false;
  return doc;
};

describeRule(SEC023, {
  passes: [
    'good',
    'good-prod',
    {
      label: 'every action for "*", narrowed to this account\'s principals and resources (a data perimeter)',
      fixture: 'good',
      doc: withPolicy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:ResourceAccount': '111122223333' } } }),
    },
  ],
  fails: {
    sec: [...inBoth('aws_vpc_endpoint.dynamodb_default_policy[0]'), ...inBoth('aws_vpc_endpoint.sqs')],
    'every SQS action for the AWS principal "*"': {
      fixture: 'good',
      doc: withPolicy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*' }),
      addresses: [ENDPOINT],
      messages: ['policy allows every action to principal "*" with no condition (full access)'],
    },
    'a NotAction Allow for "*"': {
      fixture: 'good',
      doc: withPolicy({ Effect: 'Allow', Principal: '*', NotAction: 'sqs:DeleteQueue', Resource: '*' }),
      addresses: [ENDPOINT],
    },
    'an endpoint whose configuration sets no policy': {
      fixture: 'good',
      doc: (doc) => {
        const rc = change(doc, ENDPOINT).change;
        delete rc.after.policy;
        rc.after_unknown.policy = true;
        const cfg = doc.configuration.root_module.module_calls.region_primary.module.resources.find((r: { address: string }) => r.address === 'aws_vpc_endpoint.sqs');
        delete cfg.expressions.policy;
        return doc;
      },
      addresses: [ENDPOINT],
      messages: ["has no policy, so AWS's default allows every action"],
    },
  },
});
