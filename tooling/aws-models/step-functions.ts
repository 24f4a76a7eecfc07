// Step Functions' view of the AWS APIs: how a Task's Resource names a service integration, which
// parameters and result fields it has, and which error names it can report. AWS SDK integrations
// (`arn:aws:states:::aws-sdk:<service>:<action>`) are answered from the API models (sdk-models.ts,
// sdk-errors.ts) under the SDK for Java v2 naming (naming.ts); optimised integrations from their
// documentation pages, cited per entry below. README.md beside this file lists every source.
import { javaExceptionName, javaV1ExceptionName, sfnMemberName } from './naming.ts';
import { serviceErrorShapes } from './sdk-errors.ts';
import { serviceModel, type Operation, type ServiceModel, type Shape } from './sdk-models.ts';

export const SFN_DOCS = {
  awsSdk: 'https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html',
  errors: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html',
  lambda: 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html',
  lambdaErrors: 'https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html',
  sns: 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html',
  sqs: 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html',
  callback: 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token',
} as const;

/** The error names Step Functions itself raises (the States.* names of the error-handling page). */
export const STATES_ERRORS: ReadonlySet<string> = new Set([
  'States.ALL', 'States.DataLimitExceeded', 'States.ExceedToleratedFailureThreshold', 'States.HeartbeatTimeout',
  'States.Http.Socket', 'States.IntrinsicFailure', 'States.ItemReaderFailed', 'States.NoChoiceMatched',
  'States.ParameterPathFailure', 'States.Permissions', 'States.QueryEvaluationError', 'States.ResultPathMatchFailure',
  'States.ResultWriterFailed', 'States.Runtime', 'States.TaskFailed', 'States.Timeout', 'States.BranchFailed',
]);

export type IntegrationPattern = 'request-response' | 'sync' | 'wait-for-task-token';

export type TaskResource =
  | { kind: 'aws-sdk'; partition: string; service: string; action: string; pattern: IntegrationPattern; resource: string }
  | { kind: 'optimised'; partition: string; service: string; action: string; pattern: IntegrationPattern; resource: string }
  | { kind: 'other'; resource: string };

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov']);

/**
 * Reads a Task's Resource: `arn:<partition>:states:::aws-sdk:<service>:<action>[.<pattern>]` or
 * `arn:<partition>:states:::<service>:<action>[.<pattern>]` (an optimised integration); anything else
 * (an activity, a Lambda function ARN, an unknown partition) is `other`.
 */
export function parseTaskResource(resource: string): TaskResource {
  const m = /^arn:([a-z-]+):states:::(aws-sdk:)?([a-z0-9-]+):([A-Za-z0-9]+)(\.(sync(?::2)?|waitForTaskToken))?$/.exec(resource);
  if (!m || !PARTITIONS.has(m[1]!)) return { kind: 'other', resource };
  const pattern: IntegrationPattern = m[6] === 'waitForTaskToken' ? 'wait-for-task-token' : m[6] ? 'sync' : 'request-response';
  return { kind: m[2] ? 'aws-sdk' : 'optimised', partition: m[1]!, service: m[3]!, action: m[4]!, pattern, resource };
}

/** An optimised integration as its page documents it. */
export interface OptimisedIntegration {
  /** `<service>:<action>` as in the Resource. */
  id: string;
  doc: string;
  /** The model operation it calls (`lambda` `Invoke`), for the result fields and the cross-check of the parameters. */
  model: { service: string; operation: string };
  /** Parameters the page lists for the integration. */
  parameters: readonly string[];
  required: readonly string[];
  /** Result fields besides the operation's output members (the page's example output). */
  extraOutput: readonly string[];
  /** Result fields whose content is the caller's (a function's response): paths below them are not checked. */
  opaqueOutput: readonly string[];
  /** Error names the page documents, besides States.* and the operation's modelled errors. */
  errors: readonly string[];
  /** Error names without the service prefix come from the called code (a function's error type). */
  customErrors: boolean;
}

export const OPTIMISED_INTEGRATIONS: ReadonlyMap<string, OptimisedIntegration> = new Map([
  ['lambda:invoke', {
    id: 'lambda:invoke',
    doc: SFN_DOCS.lambda,
    model: { service: 'lambda', operation: 'Invoke' },
    parameters: ['ClientContext', 'FunctionName', 'InvocationType', 'Qualifier', 'Payload'],
    required: ['FunctionName'],
    extraOutput: ['SdkHttpMetadata', 'SdkResponseMetadata'],
    opaqueOutput: ['Payload', 'SdkHttpMetadata', 'SdkResponseMetadata'],
    // SFN_DOCS.lambdaErrors: transient service errors, unhandled function errors, the concurrency limit.
    errors: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.Unknown', 'Lambda.TooManyRequestsException'],
    customErrors: true,
  }],
  ['sns:publish', {
    id: 'sns:publish',
    doc: SFN_DOCS.sns,
    model: { service: 'sns', operation: 'Publish' },
    parameters: ['Message', 'MessageAttributes', 'MessageDeduplicationId', 'MessageGroupId', 'MessageStructure', 'PhoneNumber', 'Subject', 'TargetArn', 'TopicArn'],
    required: ['Message'],
    extraOutput: ['SdkHttpMetadata', 'SdkResponseMetadata'],
    opaqueOutput: ['SdkHttpMetadata', 'SdkResponseMetadata'],
    errors: [],
    customErrors: false,
  }],
  // The page's example of the callback pattern gives MessageBody as a JSON object (Step Functions sends
  // it serialised), with the token at a path of the body.
  ['sqs:sendMessage', {
    id: 'sqs:sendMessage',
    doc: SFN_DOCS.sqs,
    model: { service: 'sqs', operation: 'SendMessage' },
    parameters: ['DelaySeconds', 'MessageAttributes', 'MessageBody', 'MessageDeduplicationId', 'MessageGroupId', 'QueueUrl'],
    required: ['QueueUrl', 'MessageBody'],
    extraOutput: ['SdkHttpMetadata', 'SdkResponseMetadata'],
    opaqueOutput: ['SdkHttpMetadata', 'SdkResponseMetadata'],
    errors: [],
    customErrors: false,
  }],
]);

/** What a Task's Resource calls, resolved against the models and the documented integrations. */
export type Integration =
  | { kind: 'aws-sdk'; resource: Extract<TaskResource, { kind: 'aws-sdk' }>; model: ServiceModel; operation: Operation }
  | { kind: 'optimised'; resource: Extract<TaskResource, { kind: 'optimised' }>; spec: OptimisedIntegration; operation: Operation | null };

export type Resolution = { ok: true; integration: Integration } | { ok: false; problem: string } | { ok: null };

/** Resolves a Task's Resource; `ok: null` for resources this module does not judge (activities, function ARNs). */
export function resolveIntegration(resource: string): Resolution {
  const r = parseTaskResource(resource);
  if (r.kind === 'other') {
    if (/^arn:[^:]+:states:::/.test(resource)) return { ok: false, problem: `${resource} is not a Step Functions integration ARN (arn:aws:states:::[aws-sdk:]<service>:<action>[.sync|.waitForTaskToken]) in a known partition` };
    return { ok: null };
  }
  if (r.kind === 'aws-sdk') {
    const model = serviceModel(r.service);
    if (!model) return { ok: false, problem: `no AWS SDK service is named "${r.service}" (Step Functions names a service by its SDK client name in lower case, e.g. rds, cloudwatch, sfn)` };
    const operation = model.operation(r.action);
    if (!operation) {
      const near = [...model.operations.values()].find((o) => o.sfnName.toLowerCase() === r.action.toLowerCase());
      return { ok: false, problem: `${model.serviceId} (${model.file}) has no operation "${r.action}"${near ? `; the model names it ${near.sfnName}` : ''}` };
    }
    return { ok: true, integration: { kind: 'aws-sdk', resource: r, model, operation } };
  }
  const spec = OPTIMISED_INTEGRATIONS.get(`${r.service}:${r.action}`);
  if (!spec) return { ok: false, problem: `${r.service}:${r.action} is not an optimised integration documented in tooling/aws-models/step-functions.ts (add it with its Step Functions page, or call it as aws-sdk:${r.service}:${r.action})` };
  const operation = serviceModel(spec.model.service)?.operations.get(spec.model.operation) ?? null;
  return { ok: true, integration: { kind: 'optimised', resource: r, spec, operation } };
}

/**
 * Every error name an AWS SDK integration of this service can report: `<Service>.<Java v2 exception>`
 * for each modelled error shape, and the generic `<Service>.<Service>Exception` (unmodelled errors,
 * throttling included where the service models none) and `<Service>.SdkClientException`.
 * Null when no error model is installed for the service.
 */
export function sdkErrorNames(model: ServiceModel): ReadonlySet<string> | null {
  const errors = serviceErrorShapes(model.serviceId);
  if (!errors) return null;
  const p = model.javaName;
  return new Set([`${p}.${p}Exception`, `${p}.SdkClientException`, ...[...errors.shapes].map((s) => `${p}.${javaExceptionName(s, p)}`)]);
}

/** The Step Functions name of one modelled error of a service: throws when the service models no such error. */
export function sfnErrorName(sfnService: string, errorShape: string): string {
  const model = serviceModel(sfnService);
  if (!model) throw new Error(`No AWS SDK service is named "${sfnService}".`);
  const errors = serviceErrorShapes(model.serviceId);
  if (!errors) throw new Error(`No error model is installed for ${model.serviceId} (${sfnService}).`);
  if (!errors.shapes.has(errorShape)) throw new Error(`${model.serviceId} models no error "${errorShape}" (${errors.source}).`);
  return `${model.javaName}.${javaExceptionName(errorShape, model.javaName)}`;
}

/** The generic name of a service's unmodelled errors (`Rds.RdsException`): what its throttling arrives as when it models none. */
export function sfnGenericErrorName(sfnService: string): string {
  const model = serviceModel(sfnService);
  if (!model) throw new Error(`No AWS SDK service is named "${sfnService}".`);
  return `${model.javaName}.${model.javaName}Exception`;
}

/** Error names an optimised integration documents, plus its operation's modelled errors in both SDK for Java namings. */
export function optimisedErrorNames(spec: OptimisedIntegration): ReadonlySet<string> {
  const names = new Set(spec.errors);
  const model = serviceModel(spec.model.service);
  const errors = model ? serviceErrorShapes(model.serviceId) : null;
  if (model && errors) {
    for (const s of errors.shapes) {
      names.add(`${model.javaName}.${javaExceptionName(s, model.javaName)}`);
      names.add(`${model.javaName}.${javaV1ExceptionName(s)}`);
    }
  }
  return names;
}

/** The result fields of an optimised integration: its operation's output members and the documented extras. */
export function optimisedOutputFields(integration: Extract<Integration, { kind: 'optimised' }>): Set<string> {
  const fields = new Set(integration.spec.extraOutput);
  for (const m of Object.keys(integration.operation?.output?.members ?? {})) fields.add(sfnMemberName(m));
  return fields;
}

export type { Shape };
