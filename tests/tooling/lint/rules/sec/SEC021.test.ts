import { SEC021 } from '../../../../../tooling/lint/rules/sec/SEC021.ts';
import { change, dropChange } from '../../plan-fixtures.ts';
import { describeRule, inBoth, P } from '../describe-rule.ts';

const QUEUE = `${P}.aws_sqs_queue.orders`;
const DOC = `${P}.data.aws_iam_policy_document.orders_queue`;
const ROLE_ARN = 'arn:aws:iam::111122223333:role/fixture-dev-us-east-1-api-queue';

/** The primary queue policy document's DenySendExceptApiIntegrationRole statement (planned values). */
function guard(doc: Record<string, any>): Record<string, any> {
  const st = change(doc, DOC).change.after.statement.find((s: { sid: string }) => s.sid === 'DenySendExceptApiIntegrationRole');
  if (!st) throw new Error('fixture has no DenySendExceptApiIntegrationRole statement');
  return st;
}

/** The same statement's configuration block. */
function guardConfig(doc: Record<string, any>): Record<string, any> {
  const cfg = doc.configuration.root_module.module_calls.region_primary.module.resources.find((r: { address: string }) => r.address === 'data.aws_iam_policy_document.orders_queue');
  return cfg.expressions.statement.find((s: any) => s.sid?.constant_value === 'DenySendExceptApiIntegrationRole');
}

/** The exemption's values known in the plan. */
const exempting = (test: string, values: string[]) => (doc: Record<string, any>) => {
  guard(doc).condition = [{ test, variable: 'aws:PrincipalArn', values }];
  return doc;
};

describeRule(SEC021, {
  passes: [
    'good',
    'good-prod',
    { label: 'an ArnNotLike exemption naming the integration role by its known ARN', fixture: 'good', doc: exempting('ArnNotLike', [ROLE_ARN]) },
    { label: 'StringNotEqualsIfExists on the role ARN', fixture: 'good', doc: exempting('StringNotEqualsIfExists', [ROLE_ARN]) },
  ],
  fails: {
    sec: inBoth('aws_sqs_queue.orders'),
    'the trade queue without a queue policy': {
      fixture: 'good',
      doc: (doc) => {
        dropChange(doc, `${P}.aws_sqs_queue_policy.orders`);
        return doc;
      },
      addresses: [QUEUE],
      messages: ['is sent to by module.region_primary.aws_api_gateway_integration.post_trades but has no queue policy'],
    },
    'an exemption that also names another role': {
      fixture: 'good',
      doc: exempting('ArnNotEquals', [ROLE_ARN, 'arn:aws:iam::111122223333:role/operator']),
      addresses: [QUEUE],
      messages: ['its Deny also exempts arn:aws:iam::111122223333:role/operator'],
    },
    'an exemption whose configuration references the processor role, not the integration role': {
      fixture: 'good',
      doc: (doc) => {
        guardConfig(doc).condition[0].values = { references: ['aws_iam_role.processor.arn', 'aws_iam_role.processor'] };
        return doc;
      },
      addresses: [QUEUE],
      messages: ['its Deny also exempts module.region_primary.aws_iam_role.processor'],
    },
    'a Deny that applies only without TLS (too narrow)': {
      fixture: 'good',
      doc: (doc) => {
        guard(doc).condition.push({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] });
        return doc;
      },
      addresses: [QUEUE],
      messages: ['applies only when Bool aws:SecureTransport'],
    },
    'a Deny for one named principal instead of "*"': {
      fixture: 'good',
      doc: (doc) => {
        guard(doc).principals = [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/operator'] }];
        return doc;
      },
      addresses: [QUEUE],
      messages: ['its Deny is not for principal "*"'],
    },
  },
});
