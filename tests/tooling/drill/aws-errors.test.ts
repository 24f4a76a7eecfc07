// The error names the drill's simulated AWS raises follow Step Functions' naming (issue 14's rule).
import { describe, expect, it } from 'vitest';
import { javaExceptionName, SFN_ERRORS, sfnErrorName } from '../../../tooling/drill/aws-errors.ts';

describe('Step Functions error names', () => {
  it.each([
    ['InvalidGlobalClusterStateFault', 'InvalidGlobalClusterStateException'],
    ['InvalidDBClusterStateFault', 'InvalidDbClusterStateException'],
    ['DBClusterNotFoundFault', 'DbClusterNotFoundException'],
    ['KMSKeyNotAccessibleFault', 'KmsKeyNotAccessibleException'],
    ['ResourceNotFoundException', 'ResourceNotFoundException'],
  ])('%s becomes the Java v2 class %s', (shape, name) => {
    expect(javaExceptionName(shape)).toBe(name);
  });

  it('prefixes the service and never uses the API\'s Fault suffix', () => {
    expect(sfnErrorName('Rds', 'InvalidGlobalClusterStateFault')).toBe('Rds.InvalidGlobalClusterStateException');
    for (const name of Object.values(SFN_ERRORS)) expect(name).not.toMatch(/FaultException$/);
    expect(Object.values(SFN_ERRORS)).not.toContain('Rds.ThrottlingException');
  });
});
