// The AWS metrics the project's alarms read, each with the AWS page that documents its namespace, name
// and dimensions. No npm package carries CloudWatch's metric catalogue: the API models describe
// PutMetricData, not which metrics AWS services publish, and the service-spec database of the AWS
// CDK (@aws-cdk/aws-service-spec) holds only the console's default subset (it has no
// AuroraGlobalDBRPOLag). So this table is typed here, one row per metric with its citation, and
// API004 fails on an alarm over an AWS/* metric that no row names.

export interface AwsMetric {
  namespace: string;
  metric: string;
  /** Each combination of dimension names the metric is published with (an alarm must use one exactly). */
  dimensionSets: readonly (readonly string[])[];
  doc: string;
}

const DOCS = {
  apiGateway: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html',
  sqs: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html',
  lambda: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
  aurora: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html',
  auroraDimensions: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/dimensions.html',
} as const;

// API Gateway REST APIs: ApiName; ApiName + Stage; ApiName + Method + Resource + Stage.
const API_DIMENSIONS = [['ApiName'], ['ApiName', 'Stage'], ['ApiName', 'Method', 'Resource', 'Stage']] as const;
// Lambda: all functions (no dimension); FunctionName; FunctionName + Resource (a version or alias);
// FunctionName + Resource + ExecutedVersion (an alias's invocations by version).
const LAMBDA_DIMENSIONS = [[], ['FunctionName'], ['FunctionName', 'Resource'], ['FunctionName', 'Resource', 'ExecutedVersion']] as const;

export const AWS_METRICS: readonly AwsMetric[] = [
  { namespace: 'AWS/ApiGateway', metric: '5XXError', dimensionSets: API_DIMENSIONS, doc: DOCS.apiGateway },
  { namespace: 'AWS/ApiGateway', metric: '4XXError', dimensionSets: API_DIMENSIONS, doc: DOCS.apiGateway },
  { namespace: 'AWS/ApiGateway', metric: 'Latency', dimensionSets: API_DIMENSIONS, doc: DOCS.apiGateway },
  { namespace: 'AWS/SQS', metric: 'ApproximateNumberOfMessagesVisible', dimensionSets: [['QueueName']], doc: DOCS.sqs },
  { namespace: 'AWS/SQS', metric: 'ApproximateAgeOfOldestMessage', dimensionSets: [['QueueName']], doc: DOCS.sqs },
  { namespace: 'AWS/Lambda', metric: 'Errors', dimensionSets: LAMBDA_DIMENSIONS, doc: DOCS.lambda },
  { namespace: 'AWS/Lambda', metric: 'Throttles', dimensionSets: LAMBDA_DIMENSIONS, doc: DOCS.lambda },
  // Cluster-level, published for the secondary cluster of a global database, by DBClusterIdentifier
  // (DOCS.auroraDimensions: "DBClusterIdentifier ... for a specific Amazon Aurora DB cluster").
  { namespace: 'AWS/RDS', metric: 'AuroraGlobalDBRPOLag', dimensionSets: [['DBClusterIdentifier']], doc: DOCS.aurora },
  { namespace: 'AWS/RDS', metric: 'AuroraGlobalDBReplicationLag', dimensionSets: [['DBClusterIdentifier']], doc: DOCS.aurora },
];

const byKey = new Map(AWS_METRICS.map((m) => [`${m.namespace}|${m.metric}`, m]));
const namespaces = new Set(AWS_METRICS.map((m) => m.namespace));

/** AWS publishes the namespaces starting with `AWS/`; anything else is a custom metric nobody can check. */
export function isAwsNamespace(namespace: string): boolean {
  return namespace.startsWith('AWS/');
}

export function awsMetric(namespace: string, metric: string): AwsMetric | undefined {
  return byKey.get(`${namespace}|${metric}`);
}

export function tableHasNamespace(namespace: string): boolean {
  return namespaces.has(namespace);
}

/** Whether the dimension names are exactly one of the metric's published combinations. */
export function dimensionsMatch(metric: AwsMetric, names: readonly string[]): boolean {
  const key = [...names].sort().join('+');
  return metric.dimensionSets.some((set) => [...set].sort().join('+') === key);
}
