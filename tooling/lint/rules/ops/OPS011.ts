import { targetsOf, typeSet } from '../../plan/references.ts';
import { inRegion } from '../../plan/context.ts';
import { defineRule } from '../../rule.ts';

const TOPIC = typeSet('aws_sns_topic');
const ALARM_ACTIONS = [['alarm_actions'], ['ok_actions'], ['insufficient_data_actions']];

export const OPS011 = defineRule({
  id: 'OPS011', family: 'OPS', target: 'plan', severity: 'high', title: 'Notification topics have a subscriber',
  checks: 'Every aws_sns_topic that a CloudWatch alarm notifies or a state machine definition names has at least one aws_sns_topic_subscription.',
  why: 'A topic without a subscriber tells nobody: alarms page no one, and a recovery waiting for approval times out.',
  fix: 'Set notification_subscriptions in the environment\'s terraform.tfvars (environments/shared/notifications.tf subscribes each to every topic in both regions).',
  equivalents: [],
  check(ctx) {
    const subscriptions = ctx.companions('aws_sns_topic_subscription', ['topic_arn'], ['aws_sns_topic']);
    const notified = new Map<string, string>();
    for (const alarm of ctx.managedOf('aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm')) {
      for (const path of ALARM_ACTIONS) {
        for (const t of targetsOf(ctx.index, alarm, path, TOPIC)) if (!notified.has(t.address)) notified.set(t.address, `alarm ${alarm.address}`);
      }
    }
    for (const machine of ctx.managedOf('aws_sfn_state_machine')) {
      for (const t of targetsOf(ctx.index, machine, ['definition'], TOPIC)) if (!notified.has(t.address)) notified.set(t.address, `state machine ${machine.address}`);
    }
    for (const [address, by] of notified) {
      if (subscriptions.get(address)?.length) continue;
      const topic = ctx.index.byAddress.get(address);
      ctx.emit(OPS011, address, `${address}${topic ? inRegion(topic) : ''} has no subscription, so ${by} notifies nobody: set notification_subscriptions in the environment's terraform.tfvars.`);
    }
  },
});
