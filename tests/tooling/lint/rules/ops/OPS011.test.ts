import { OPS011 } from '../../../../../tooling/lint/rules/ops/OPS011.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(OPS011, {
  passes: ['good', 'good-prod'],
  fails: {
    // The ops variant subscribes nobody: every alarm topic notifies no one.
    ops: inBoth('aws_sns_topic.alarms'),
    'a subscription that names another topic': {
      fixture: 'good',
      doc: (plan) => {
        // The primary's subscription is re-pointed (in configuration) at a topic nothing alarms on.
        const sub = plan.configuration.root_module.module_calls.region_primary.module.resources.find((r: { address: string }) => r.address === 'aws_sns_topic_subscription.alarms');
        sub.expressions.topic_arn = { references: ['aws_sns_topic.unused.arn', 'aws_sns_topic.unused'] };
        return plan;
      },
      addresses: ['module.region_primary.aws_sns_topic.alarms'],
      messages: [/module\.region_primary\.aws_sns_topic\.alarms \(us-east-1\) has no subscription, so alarm module\.region_primary\.aws_cloudwatch_metric_alarm\.\w+ notifies nobody/],
    },
  },
});
