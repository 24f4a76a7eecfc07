import { OPS012 } from '../../../../../tooling/lint/rules/ops/OPS012.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

// Small synthetic plans in the shape `terraform show -json` gives: each resource's planned values (an
// ARN is unknown until apply, as in real plans) and its configuration expressions, with two regional
// providers. A resource address may sit in module.primary or module.secondary (one per region).
interface Res {
  address: string;
  values: Record<string, unknown>;
  unknown?: Record<string, unknown>;
  expressions?: Record<string, unknown>;
}

/** The references an expression inside the resource's own module makes to `address` (module prefix dropped). */
const refs = (address: string, attr = 'arn') => {
  const local = address.replace(/^module\.[a-z_]+\./, '');
  return { references: [`${local}.${attr}`, local] };
};

function plan(resources: Res[], outputs: Record<string, Record<string, { expression: unknown }>> = {}): Record<string, unknown> {
  const root: Record<string, any> = { resources: [], module_calls: {} };
  const changes = resources.map((r) => {
    const m = /^(?:module\.(primary|secondary)\.)?([a-z0-9_]+)\.([a-z0-9_]+)$/.exec(r.address)!;
    const [, mod, type, name] = m;
    const config = { address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: `aws.${mod ?? 'primary'}`, expressions: r.expressions ?? {} };
    if (mod) {
      root.module_calls[mod] ??= { source: './region', module: { resources: [], outputs: outputs[mod] ?? {} } };
      root.module_calls[mod].module.resources.push(config);
    } else {
      root.resources.push(config);
    }
    return { address: r.address, mode: 'managed', type, name, change: { actions: ['create'], after: r.values, after_unknown: r.unknown ?? {} } };
  });
  return {
    format_version: '1.2',
    resource_changes: changes,
    configuration: {
      provider_config: {
        'aws.primary': { name: 'aws', alias: 'primary', expressions: { region: { constant_value: 'us-east-1' } } },
        'aws.secondary': { name: 'aws', alias: 'secondary', expressions: { region: { constant_value: 'us-east-2' } } },
      },
      root_module: root,
    },
  };
}

const fn = (address: string, functionName: string): Res => ({ address, values: { function_name: functionName }, unknown: { arn: true } });
const schedule = (address: string, fnRef: Res | string): Res => ({
  address,
  values: { rule: 'every-minute' },
  unknown: { arn: true },
  expressions: { arn: typeof fnRef === 'string' ? { references: [fnRef] } : refs(fnRef.address) },
});
const permission = (address: string, principal: string, functionName: string): Res => ({
  address,
  values: { action: 'lambda:InvokeFunction', principal, function_name: functionName },
});
const queue = (address: string, name: string): Res => ({ address, values: { name }, unknown: { arn: true, id: true, url: true } });
const topic = (address: string, name: string, arn?: string): Res => ({ address, values: arn ? { name, arn } : { name }, unknown: arn ? {} : { arn: true } });
const depthAlarm = (address: string, queueName: string): Res => ({
  address,
  values: { namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: queueName }, threshold: 0 },
});
/** An event invoke config; `onFailure` is a resource (referenced) or a known ARN, absent for none. */
const invokeConfig = (address: string, functionName: string, onFailure?: Res | string, onSuccess?: string): Res => {
  const failure = onFailure === undefined ? [] : [{ destination: typeof onFailure === 'string' ? onFailure : null }];
  const success = onSuccess ? [{ destination: onSuccess }] : [];
  return {
    address,
    values: { function_name: functionName, maximum_retry_attempts: 0, destination_config: [{ on_failure: failure, on_success: success }] },
    unknown: typeof onFailure === 'object' ? { destination_config: [{ on_failure: [{ destination: true }], on_success: [] }] } : {},
    expressions: typeof onFailure === 'object' ? { destination_config: [{ on_failure: [{ destination: refs(onFailure.address) }] }] } : {},
  };
};

// A function run every minute by EventBridge, whose failed events go to a queue with a depth alarm.
const sync = fn('aws_lambda_function.sync', 'trading-dev-region-fence');
const failures = queue('aws_sqs_queue.async_failures', 'trading-dev-orchestrator-async-failures');
const scheduled = (extra: Res[]): Record<string, unknown> => plan([
  sync,
  schedule('aws_cloudwatch_event_target.sync', sync),
  permission('aws_lambda_permission.sync', 'events.amazonaws.com', 'trading-dev-region-fence'),
  failures,
  ...extra,
]);

// The orchestrator's shape: the same function in both regions' modules, each with its own config, queue
// and alarm; only the secondary's is scheduled, from the root, through the module's output.
const regionModules = (withAlarm: boolean): Record<string, unknown> => {
  const perRegion = (mod: 'primary' | 'secondary'): Res[] => {
    const probe = fn(`module.${mod}.aws_lambda_function.peer_probe`, 'trading-dev-primary-probe');
    const q = queue(`module.${mod}.aws_sqs_queue.async_failures`, 'trading-dev-orchestrator-async-failures');
    return [
      probe, q,
      invokeConfig(`module.${mod}.aws_lambda_function_event_invoke_config.peer_probe`, 'trading-dev-primary-probe', q),
      ...(withAlarm ? [depthAlarm(`module.${mod}.aws_cloudwatch_metric_alarm.async_failures`, 'trading-dev-orchestrator-async-failures')] : []),
    ];
  };
  const output = { peer_probe_function_arn: { expression: refs('aws_lambda_function.peer_probe') } };
  return plan(
    [...perRegion('primary'), ...perRegion('secondary'), schedule('aws_cloudwatch_event_target.probe_schedule', 'module.secondary.peer_probe_function_arn')],
    { primary: output, secondary: output },
  );
};

describeRule(OPS012, {
  passes: [
    'good',
    'good-prod',
    {
      label: 'a scheduled function whose failed events go to a queue with a depth alarm',
      doc: () => scheduled([
        invokeConfig('aws_lambda_function_event_invoke_config.sync', 'trading-dev-region-fence', failures),
        depthAlarm('aws_cloudwatch_metric_alarm.async_failures', 'trading-dev-orchestrator-async-failures'),
      ]),
    },
    {
      label: 'a queue with a generated name, alarmed through the configuration reference',
      doc: () => {
        const generated: Res = { address: 'aws_sqs_queue.generated', values: { name_prefix: 'trading-dev-failures-' }, unknown: { name: true, arn: true, id: true } };
        return plan([
          sync,
          schedule('aws_cloudwatch_event_target.sync', sync),
          generated,
          invokeConfig('aws_lambda_function_event_invoke_config.sync', 'trading-dev-region-fence', generated),
          {
            address: 'aws_cloudwatch_metric_alarm.generated',
            values: { namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: {} },
            unknown: { dimensions: { QueueName: true } },
            expressions: { dimensions: refs(generated.address, 'name') },
          },
        ]);
      },
    },
    { label: 'a function in a region module, scheduled from the root through the module output', doc: () => regionModules(true) },
    {
      label: 'an SNS-invoked function whose failed events go to a subscribed topic',
      doc: () => {
        const handler = fn('aws_lambda_function.handler', 'trading-dev-handler');
        const failed = topic('aws_sns_topic.failed', 'trading-dev-failed', 'arn:aws:sns:us-east-1:111122223333:trading-dev-failed');
        return plan([
          handler, failed,
          permission('aws_lambda_permission.sns', 'sns.amazonaws.com', 'trading-dev-handler'),
          invokeConfig('aws_lambda_function_event_invoke_config.handler', 'trading-dev-handler', 'arn:aws:sns:us-east-1:111122223333:trading-dev-failed'),
          { address: 'aws_sns_topic_subscription.oncall', values: { protocol: 'email', endpoint: 'oncall@desk.co', topic_arn: 'arn:aws:sns:us-east-1:111122223333:trading-dev-failed' } },
        ]);
      },
    },
    {
      label: 'functions invoked synchronously (an SQS event source mapping, API Gateway) need no config',
      doc: () => {
        const processor = fn('aws_lambda_function.processor', 'trading-dev-trade-processor');
        const health = fn('aws_lambda_function.health', 'trading-dev-health');
        const orders = queue('aws_sqs_queue.orders', 'trading-dev-trade-orders');
        return plan([
          processor, health, orders,
          {
            address: 'aws_lambda_event_source_mapping.orders',
            values: { function_name: 'trading-dev-trade-processor' },
            unknown: { event_source_arn: true },
            expressions: { event_source_arn: refs(orders.address) },
          },
          permission('aws_lambda_permission.health_api', 'apigateway.amazonaws.com', 'trading-dev-health'),
        ]);
      },
    },
  ],
  fails: {
    'a scheduled function without an event invoke config': {
      doc: () => scheduled([depthAlarm('aws_cloudwatch_metric_alarm.async_failures', 'trading-dev-orchestrator-async-failures')]),
      addresses: ['aws_lambda_function.sync'],
      messages: [/aws_lambda_function\.sync \(us-east-1\) is invoked asynchronously by the EventBridge target aws_cloudwatch_event_target\.sync but has no aws_lambda_function_event_invoke_config/],
    },
    'an S3-invoked function without one, and a config that names another function': {
      doc: () => plan([
        fn('aws_lambda_function.ingest', 'trading-dev-ingest'),
        fn('aws_lambda_function.other', 'trading-dev-other'),
        permission('aws_lambda_permission.s3', 's3.amazonaws.com', 'arn:aws:lambda:us-east-1:111122223333:function:trading-dev-ingest'),
        failures,
        invokeConfig('aws_lambda_function_event_invoke_config.other', 'trading-dev-other', failures),
        depthAlarm('aws_cloudwatch_metric_alarm.async_failures', 'trading-dev-orchestrator-async-failures'),
      ]),
      addresses: ['aws_lambda_function.ingest'],
      messages: ['is invoked asynchronously by s3.amazonaws.com (aws_lambda_permission.s3)'],
    },
    'a config without an on-failure destination (retries and on-success only)': {
      doc: () => scheduled([
        invokeConfig('aws_lambda_function_event_invoke_config.sync', 'trading-dev-region-fence', undefined, 'arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures'),
        depthAlarm('aws_cloudwatch_metric_alarm.async_failures', 'trading-dev-orchestrator-async-failures'),
      ]),
      addresses: ['aws_lambda_function.sync'],
      messages: ['aws_lambda_function_event_invoke_config.sync has no destination_config.on_failure'],
    },
    'an on-failure queue that no alarm watches (the alarm watches another queue)': {
      doc: () => scheduled([
        invokeConfig('aws_lambda_function_event_invoke_config.sync', 'trading-dev-region-fence', failures),
        queue('aws_sqs_queue.events_dlq', 'trading-dev-orchestrator-events-dlq'),
        depthAlarm('aws_cloudwatch_metric_alarm.events_dlq', 'trading-dev-orchestrator-events-dlq'),
      ]),
      addresses: ['aws_lambda_function.sync'],
      messages: ['sends failed events to aws_sqs_queue.async_failures, which nothing watches'],
    },
    'each region module\'s queue without its alarm': {
      doc: () => regionModules(false),
      addresses: ['module.secondary.aws_lambda_function.peer_probe'],
      messages: [/module\.secondary\.aws_lambda_function\.peer_probe \(us-east-2\) is invoked asynchronously by the EventBridge target aws_cloudwatch_event_target\.probe_schedule and sends failed events to module\.secondary\.aws_sqs_queue\.async_failures/],
    },
    'an on-failure topic nobody subscribes to, or a destination outside the plan': {
      doc: () => plan([
        fn('aws_lambda_function.handler', 'trading-dev-handler'),
        topic('aws_sns_topic.failed', 'trading-dev-failed', 'arn:aws:sns:us-east-1:111122223333:trading-dev-failed'),
        permission('aws_lambda_permission.sns', 'sns.amazonaws.com', 'trading-dev-handler'),
        invokeConfig('aws_lambda_function_event_invoke_config.handler', 'trading-dev-handler', 'arn:aws:sns:us-east-1:111122223333:trading-dev-failed'),
        fn('aws_lambda_function.nightly', 'trading-dev-nightly'),
        permission('aws_lambda_permission.nightly', 'events.amazonaws.com', 'trading-dev-nightly'),
        invokeConfig('aws_lambda_function_event_invoke_config.nightly', 'trading-dev-nightly', 'arn:aws:sqs:us-east-1:444455556666:somewhere-else'),
      ]),
      addresses: ['aws_lambda_function.handler', 'aws_lambda_function.nightly'],
      messages: ['sends failed events to aws_sns_topic.failed, which nothing watches', 'on-failure destination arn:aws:sqs:us-east-1:444455556666:somewhere-else is no SQS queue or SNS topic of this plan'],
    },
    ops: inBoth('aws_lambda_function.validator'),
  },
});
