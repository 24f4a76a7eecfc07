// The names the AWS SDK for Java v2 generates from an API model, which is what Step Functions reports
// and accepts (README.md beside this file has the sources). Pure string functions: no model is loaded.
//
// Word splitting and Pascal casing follow the SDK's code generator (CodegenNamingUtils
// .splitOnWordBoundaries and DefaultNamingStrategy in aws/aws-sdk-java-v2): a run of capitals is one
// word, so `DBClusterArn` becomes `DbClusterArn` and `KMSKeyNotAccessibleFault` becomes
// `KmsKeyNotAccessibleException`.

/** The words of an identifier, as the SDK for Java v2 code generator splits them. */
export function javaWords(name: string): string[] {
  let s = name.replace(/[^A-Za-z0-9]+/g, ' ');
  // A number after a standalone v is a version: TESTv4 -> "TEST v4", TestV4 -> "Test V4".
  s = s.replace(/([^a-z]{2,})v([0-9]+)/g, '$1 v$2 ').replace(/([^A-Z]{2,})V([0-9]+)/g, '$1 V$2 ');
  // camelCase boundaries: AcmSuccess -> "Acm Success".
  s = s.split(/(?<=[a-z])(?=[A-Z](?:[a-zA-Z]|[0-9]))/).join(' ');
  // After an acronym: ACMSuccess -> "ACM Success".
  s = s.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  // After a number inside a word: s3ec2 -> "s3 ec2".
  s = s.replace(/([0-9])([a-zA-Z])/g, '$1 $2');
  return s.replace(/ +/g, ' ').trim().split(' ').filter(Boolean);
}

/** Pascal case the SDK for Java v2 way: every word lower-cased, then capitalised (`DBCluster` -> `DbCluster`). */
export function javaPascalCase(name: string): string {
  return javaWords(name).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
}

/**
 * The SDK for Java v2 client name of a service, from the model's `serviceId`: `RDS` -> `Rds`,
 * `CloudWatch` -> `CloudWatch`, `SSM` -> `Ssm`, `ACM PCA` -> `AcmPca`. Step Functions uses it, lower-cased,
 * as the service in `arn:aws:states:::aws-sdk:<service>:<action>` and, as it is, as the error prefix.
 */
export function javaServiceName(serviceId: string): string {
  return javaPascalCase(serviceId);
}

/**
 * The SDK for Java v2 exception class of an error shape (DefaultNamingStrategy.getExceptionName): a
 * `...Fault` suffix becomes `...Exception`, a shape without either suffix gets `Exception`, and the
 * result is Pascal-cased: `InvalidGlobalClusterStateFault` -> `InvalidGlobalClusterStateException`,
 * `DBClusterNotFoundFault` -> `DbClusterNotFoundException`, `TooManyUpdates` -> `TooManyUpdatesException`.
 * A class that would collide with the service's base exception is prefixed with `Default`.
 */
export function javaExceptionName(errorShape: string, serviceName?: string): string {
  let base: string;
  if (errorShape.endsWith('Fault')) base = `${javaPascalCase(errorShape.slice(0, -'Fault'.length))}Exception`;
  else if (errorShape.endsWith('Exception')) base = javaPascalCase(errorShape);
  else base = `${javaPascalCase(errorShape)}Exception`;
  return serviceName !== undefined && base === `${serviceName}Exception` ? `Default${base}` : base;
}

/**
 * The SDK for Java v1 exception class of an error shape: the same suffix rule, acronyms kept as they
 * are (`EC2ThrottledException`). The Lambda optimised integration (`arn:aws:states:::lambda:invoke`)
 * reports its documented names in this form (`Lambda.AWSLambdaException`).
 */
export function javaV1ExceptionName(errorShape: string): string {
  const base = errorShape.endsWith('Fault') ? `${errorShape.slice(0, -'Fault'.length)}Exception` : errorShape.endsWith('Exception') ? errorShape : `${errorShape}Exception`;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * A structure member as Step Functions names it in Parameters and in results: the member's Java v2
 * name in Pascal case (`DBClusterIdentifier` -> `DbClusterIdentifier`, `UUID` -> `Uuid`). A member
 * named `Equals` is `EqualsValue`, as the Step Functions guide says.
 */
export function sfnMemberName(member: string): string {
  const name = javaPascalCase(member);
  return name === 'Equals' ? 'EqualsValue' : name;
}

/** An operation as Step Functions names it in a resource ARN: its model name with the first letter lower-cased. */
export function sfnActionName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}
