// The error names the drill's simulated AWS raises, in one place, taken from AWS's own API models
// (tooling/aws-models): each AWS error is named by the service's modelled error shape and turned into
// the name Step Functions reports by the same function the SFN lint rules use, so a name the service
// cannot raise fails at load time, and a template whose Retry or Catch misspells one fails the drill
// (its retry never matches what the simulation raises).
//
// Step Functions names an AWS SDK integration's error `<Service>.<Exception>`, where <Exception> is the
// SDK for Java v2 class of the error shape: `...Fault` becomes `...Exception`, acronym runs are cased as
// words (DBCluster -> DbCluster), and errors the service does not model, RDS throttling among them,
// arrive as the generic `<Service>.<Service>Exception` (tooling/aws-models/README.md has the sources).
import { javaExceptionName } from '../aws-models/naming.ts';
import { OPTIMISED_INTEGRATIONS, sfnErrorName as modelErrorName, sfnGenericErrorName } from '../aws-models/step-functions.ts';

export { javaExceptionName };

/** The name Step Functions reports for `errorShape` of `service` (`Rds`, `CloudWatch` ...); throws when the service models no such error. */
export function sfnErrorName(service: 'Rds' | 'Lambda' | 'Ssm' | 'CloudWatch', errorShape: string): string {
  return modelErrorName(service.toLowerCase(), errorShape);
}

/** A name the lambda:invoke integration documents (not a modelled error of the Lambda API). */
function lambdaInvokeError(name: string): string {
  if (!OPTIMISED_INTEGRATIONS.get('lambda:invoke')!.errors.includes(name)) throw new Error(`lambda:invoke documents no error ${name}.`);
  return name;
}

export const SFN_ERRORS = {
  rdsGlobalClusterNotFound: sfnErrorName('Rds', 'GlobalClusterNotFoundFault'),
  rdsDbClusterNotFound: sfnErrorName('Rds', 'DBClusterNotFoundFault'),
  rdsInvalidGlobalClusterState: sfnErrorName('Rds', 'InvalidGlobalClusterStateFault'),
  rdsInvalidDbClusterState: sfnErrorName('Rds', 'InvalidDBClusterStateFault'),
  /** RDS's generic exception: throttling and anything the API does not model. */
  rdsGeneric: sfnGenericErrorName('rds'),
  cloudWatchInternal: sfnErrorName('CloudWatch', 'InternalServiceFault'),
  lambdaResourceNotFound: sfnErrorName('Lambda', 'ResourceNotFoundException'),
  lambdaGeneric: lambdaInvokeError('Lambda.AWSLambdaException'),
  /** An error the function did not handle (lambda:invoke). */
  lambdaUnknown: lambdaInvokeError('Lambda.Unknown'),
  /** A Lambda function that ran past its own timeout (lambda:invoke integration). */
  lambdaTimedOut: 'Sandbox.Timedout',
  /** A task (or an approval) that ran past its TimeoutSeconds. */
  statesTimeout: 'States.Timeout',
  /** `aws stepfunctions send-task-failure --error Rejected` (the runbook's reject command). */
  approvalRejected: 'Rejected',
} as const;
