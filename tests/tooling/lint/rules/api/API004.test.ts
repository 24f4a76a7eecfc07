import { API004 } from '../../../../../tooling/lint/rules/api/API004.ts';
import { describeRule } from '../describe-rule.ts';
import { editAlarm } from './edit-plan.ts';

const RPO = 'module.region_primary.aws_cloudwatch_metric_alarm.rpo_lag';
const DLQ = 'module.region_secondary.aws_cloudwatch_metric_alarm.dlq';

describeRule(API004, {
  passes: [
    'good',
    'good-prod',
    { label: 'a custom namespace is not checked', fixture: 'good', doc: (d) => editAlarm(d, DLQ, (a) => { a.namespace = 'trading/dev'; a.metric_name = 'FailoverReady'; a.dimensions = { service: 'x' }; }) },
  ],
  fails: {
    'AuroraGlobalDBRPOLag with an instance dimension': {
      fixture: 'good',
      doc: (d) => editAlarm(d, RPO, (a) => { a.dimensions = { DBInstanceIdentifier: 'fixture-dev-us-east-1-1' }; }),
      addresses: [RPO],
      messages: ['with dimensions DBInstanceIdentifier'],
    },
    'a metric AWS/SQS does not publish (ApproximateNumberOfMessages)': {
      fixture: 'good',
      doc: (d) => editAlarm(d, DLQ, (a) => { a.metric_name = 'ApproximateNumberOfMessages'; }),
      addresses: [DLQ],
    },
    'a metric_query on a misspelt namespace (AWS/Rds)': {
      fixture: 'good',
      doc: (d) => editAlarm(d, RPO, (a) => {
        a.namespace = null;
        a.metric_name = null;
        a.dimensions = null;
        a.metric_query = [{ id: 'lag', metric: [{ namespace: 'AWS/Rds', metric_name: 'AuroraGlobalDBRPOLag', dimensions: { DBClusterIdentifier: 'x' } }] }];
      }),
      addresses: [RPO],
      messages: ['the metrics table has no namespace AWS/Rds'],
    },
  },
});
