// The error names the drill's simulated AWS raises, written the way Step Functions reports them, in
// one place so that a later change can derive them from AWS's own API models instead of this file.
//
// Step Functions names an AWS SDK integration's error `<Service>.<Exception>`, where <Exception> is
// the class name the AWS SDK for Java v2 generates for the API's error shape:
//   - a shape named `...Fault` becomes the class `...Exception` (InvalidGlobalClusterStateFault ->
//     InvalidGlobalClusterStateException); a shape already named `...Exception` keeps its name;
//   - a run of capitals is cased as one word (DBCluster -> DbCluster);
//   - every service also has generic names (`Rds.RdsException`, `Rds.SdkClientException`,
//     `Lambda.AWSLambdaException`).
// https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html ("Handling errors":
// the error name is the service name followed by the exception name) and the SDK for Java v2 class
// names, e.g. https://sdk.amazonaws.com/java/api/latest/software/amazon/awssdk/services/rds/model/InvalidGlobalClusterStateException.html
// RDS models no ThrottlingException: throttling arrives as the service's generic exception.

/** `DBClusterNotFoundFault` -> `DbClusterNotFoundException` (the Java v2 class name). */
export function javaExceptionName(apiErrorShape: string): string {
  const base = apiErrorShape.endsWith('Fault') ? `${apiErrorShape.slice(0, -'Fault'.length)}Exception` : apiErrorShape;
  // Split before a capital that starts a word, keeping acronym runs together: DBCluster -> DB, Cluster.
  const words = base.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+/g) ?? [base];
  return words.map((w) => (w.length > 1 && w === w.toUpperCase() ? w[0] + w.slice(1).toLowerCase() : w)).join('');
}

/** The name Step Functions reports for `apiErrorShape` raised by an SDK integration of `service`. */
export function sfnErrorName(service: 'Rds' | 'Lambda' | 'Ssm' | 'CloudWatch' | 'Sns', apiErrorShape: string): string {
  return `${service}.${javaExceptionName(apiErrorShape)}`;
}

export const SFN_ERRORS = {
  rdsGlobalClusterNotFound: sfnErrorName('Rds', 'GlobalClusterNotFoundFault'),
  rdsDbClusterNotFound: sfnErrorName('Rds', 'DBClusterNotFoundFault'),
  rdsInvalidGlobalClusterState: sfnErrorName('Rds', 'InvalidGlobalClusterStateFault'),
  rdsInvalidDbClusterState: sfnErrorName('Rds', 'InvalidDBClusterStateFault'),
  /** RDS's generic exception: throttling and anything the API does not model. */
  rdsGeneric: 'Rds.RdsException',
  cloudWatchInternal: sfnErrorName('CloudWatch', 'InternalServiceFault'),
  lambdaGeneric: 'Lambda.AWSLambdaException',
  /** A Lambda function that ran past its own timeout (lambda:invoke integration). */
  lambdaTimedOut: 'Sandbox.Timedout',
  /** A task (or an approval) that ran past its TimeoutSeconds. */
  statesTimeout: 'States.Timeout',
  /** `aws stepfunctions send-task-failure --error Rejected` (the runbook's reject command). */
  approvalRejected: 'Rejected',
} as const;
