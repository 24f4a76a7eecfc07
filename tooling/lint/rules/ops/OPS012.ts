import { getAll, str, type Instance } from '../../plan/index.ts';
import { inRegion, type RuleContext } from '../../plan/context.ts';
import { isSet, resolveReferences, targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const FUNCTION = typeSet('aws_lambda_function');
const QUEUE = typeSet('aws_sqs_queue');
const DESTINATION = typeSet('aws_sqs_queue', 'aws_sns_topic');
const ON_FAILURE = ['destination_config', 'on_failure', 'destination'];
// Services that invoke a function asynchronously (InvocationType Event) when granted by a permission:
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
const ASYNC_PRINCIPALS = new Set(['events.amazonaws.com', 'sns.amazonaws.com', 's3.amazonaws.com']);
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:([^:]+)(?::[^:]+)?$/;

/** The functions `inst`'s attribute names: through the plan's values and references, or a (qualified) ARN. */
function functionsAt(ctx: RuleContext, inst: Instance, path: string[]): Instance[] {
  const found = targetsOf(ctx.index, inst, path, FUNCTION);
  if (found.length) return found;
  // A qualified ARN (…:function:name:alias) or a partial one names the function by name and region.
  const out: Instance[] = [];
  for (const v of getAll(inst.values, path)) {
    const m = typeof v === 'string' ? LAMBDA_ARN.exec(v) ?? /^(?:\d{12}:)?function:([^:]+)/.exec(v) : null;
    if (!m) continue;
    const [name, region] = m.length === 3 ? [m[2]!, m[1]] : [m[1]!, inst.region];
    out.push(...ctx.managedOf('aws_lambda_function').filter((f) => f.values.function_name === name && (!region || !f.region || f.region === region)));
  }
  return out;
}

/** Each asynchronously invoked function, with what invokes it. */
function asyncFunctions(ctx: RuleContext): Map<string, { fn: Instance; by: string }> {
  const out = new Map<string, { fn: Instance; by: string }>();
  const add = (fns: Instance[], by: string) => {
    for (const fn of fns) if (!out.has(fn.address)) out.set(fn.address, { fn, by });
  };
  for (const target of ctx.managedOf('aws_cloudwatch_event_target')) add(functionsAt(ctx, target, ['arn']), `the EventBridge target ${target.address}`);
  for (const permission of ctx.managedOf('aws_lambda_permission')) {
    const principal = str(permission.values.principal);
    if (principal && ASYNC_PRINCIPALS.has(principal)) add(functionsAt(ctx, permission, ['function_name']), `${principal} (${permission.address})`);
  }
  return out;
}

/** Queues that CloudWatch alarms watch by their QueueName dimension (plain metric or metric math). */
function alarmedQueues(ctx: RuleContext): Set<string> {
  const watched = new Set<string>();
  const queues = ctx.managedOf('aws_sqs_queue');
  for (const alarm of ctx.managedOf('aws_cloudwatch_metric_alarm')) {
    const names = [...getAll(alarm.values, ['dimensions', 'QueueName']), ...getAll(alarm.values, ['metric_query', 'metric', 'dimensions', 'QueueName'])]
      .filter((v): v is string => typeof v === 'string' && v !== '');
    for (const name of names) {
      const named = queues.filter((q) => q.values.name === name);
      const local = named.filter((q) => q.region && q.region === alarm.region);
      for (const q of local.length ? local : named) watched.add(q.address);
    }
    // A QueueName unknown until apply (a generated name) is followed through the configuration.
    if (!names.length) {
      for (const q of resolveReferences(ctx.index, alarm, ['dimensions'], QUEUE)) watched.add(q.address);
      for (const q of resolveReferences(ctx.index, alarm, ['metric_query', 'metric', 'dimensions'], QUEUE)) watched.add(q.address);
    }
  }
  return watched;
}

export const OPS012 = defineRule({
  id: 'OPS012', family: 'OPS', target: 'plan', severity: 'high', title: 'Asynchronously invoked functions have a watched failure destination',
  checks: 'Every aws_lambda_function invoked asynchronously (the target of an aws_cloudwatch_event_target, or granted by an aws_lambda_permission to events.amazonaws.com, sns.amazonaws.com or s3.amazonaws.com) has an aws_lambda_function_event_invoke_config with destination_config.on_failure, whose destination is an SQS queue of the plan that a CloudWatch alarm watches by its QueueName dimension, or an SNS topic of the plan with an aws_sns_topic_subscription. Functions invoked synchronously (SQS event source mappings, API Gateway, Step Functions) are not checked.',
  why: 'No caller waits for an asynchronous invocation: when it fails after Lambda\'s retries, or waits longer than the maximum event age, the event is discarded and nobody learns of it unless Lambda sends it, with the error, to a destination that someone watches. For this platform that is a scheduled fence sync or a failover canary that silently stopped.',
  fix: 'Add an aws_lambda_function_event_invoke_config for the function with destination_config { on_failure { destination = <queue ARN> } }, give its execution role sqs:SendMessage on the queue (and kms:GenerateDataKey and kms:Decrypt on the queue\'s key), and alarm on the queue\'s ApproximateNumberOfMessagesVisible > 0 to the region\'s topic.',
  equivalents: ['Checkov CKV_AWS_116 (dead_letter_config; this rule takes the event invoke config\'s on-failure destination, which Lambda documents as the alternative to a DLQ that also records the function\'s response)'],
  check(ctx) {
    const configs = ctx.companions('aws_lambda_function_event_invoke_config', ['function_name'], ['aws_lambda_function']);
    const subscriptions = ctx.companions('aws_sns_topic_subscription', ['topic_arn'], ['aws_sns_topic']);
    const alarmed = alarmedQueues(ctx);
    const invoked = [...asyncFunctions(ctx).values()].sort((a, b) => a.fn.address.localeCompare(b.fn.address));
    for (const { fn, by } of invoked) {
      const where = `${fn.address}${inRegion(fn)} is invoked asynchronously by ${by}`;
      const own = configs.get(fn.address) ?? [];
      if (!own.length) {
        ctx.emit(OPS012, fn.address, `${where} but has no aws_lambda_function_event_invoke_config, so a failed event is discarded unseen: add one with destination_config.on_failure to an alarmed queue.`);
        continue;
      }
      const withDestination = own.filter((c) => isSet(c, ON_FAILURE));
      if (!withDestination.length) {
        ctx.emit(OPS012, fn.address, `${where} but ${own.map((c) => c.address).join(', ')} has no destination_config.on_failure, so a failed event is discarded unseen: send it to an alarmed queue.`);
        continue;
      }
      const destinations = withDestination.flatMap((c) => targetsOf(ctx.index, c, ON_FAILURE, DESTINATION));
      if (!destinations.length) {
        const named = withDestination.flatMap((c) => getAll(c.values, ON_FAILURE)).filter((v): v is string => typeof v === 'string');
        ctx.emit(OPS012, fn.address, `${where} but its on-failure destination${named.length ? ` ${named.join(', ')}` : ''} is no SQS queue or SNS topic of this plan, so nothing shows it is watched: send failures to a queue of the plan with an alarm on its depth.`);
        continue;
      }
      const watched = destinations.some((d) => (d.type === 'aws_sqs_queue' ? alarmed.has(d.address) : (subscriptions.get(d.address)?.length ?? 0) > 0));
      if (!watched) {
        const list = [...new Set(destinations.map((d) => d.address))].join(', ');
        ctx.emit(OPS012, fn.address, `${where} and sends failed events to ${list}, which nothing watches (no CloudWatch alarm on the queue's QueueName, no subscription to the topic): alarm on ApproximateNumberOfMessagesVisible > 0 to the region's topic.`);
      }
    }
  },
});
