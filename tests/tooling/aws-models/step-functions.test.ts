// Step Functions' integrations and error names against the models, and the failover template checked
// directly with the SFN family's checker (hcl-lint runs the same over the module tree).
import { describe, expect, it } from 'vitest';
import { exampleVariables, renderStateMachine } from '../../../tooling/asl/template.ts';
import { serviceModel, sfnMembers } from '../../../tooling/aws-models/sdk-models.ts';
import {
  OPTIMISED_INTEGRATIONS, optimisedErrorNames, parseTaskResource, resolveIntegration, sdkErrorNames, sfnErrorName, sfnGenericErrorName, STATES_ERRORS,
} from '../../../tooling/aws-models/step-functions.ts';
import { checkDefinitionStates } from '../../../tooling/lint/rules/sfn/tasks.ts';

describe('Step Functions error names', () => {
  it.each([
    ['InvalidGlobalClusterStateFault', 'Rds.InvalidGlobalClusterStateException'],
    ['InvalidDBClusterStateFault', 'Rds.InvalidDbClusterStateException'],
    ['DBClusterNotFoundFault', 'Rds.DbClusterNotFoundException'],
  ])('RDS %s is reported as %s', (shape, name) => {
    expect(sfnErrorName('rds', shape)).toBe(name);
    expect(sdkErrorNames(serviceModel('rds')!)!.has(name)).toBe(true);
  });

  it('refuses an error the service does not model', () => {
    expect(() => sfnErrorName('rds', 'ThrottlingException')).toThrow(/RDS models no error "ThrottlingException"/);
  });

  it('gives every service its generic names and never the Java-suffix form', () => {
    const names = sdkErrorNames(serviceModel('rds')!)!;
    expect(sfnGenericErrorName('rds')).toBe('Rds.RdsException');
    expect(names.has('Rds.RdsException') && names.has('Rds.SdkClientException')).toBe(true);
    expect(names.has('Rds.ThrottlingException')).toBe(false);
    expect([...names].filter((n) => n.endsWith('FaultException'))).toEqual([]);
    expect(sdkErrorNames(serviceModel('ssm')!)!.has('Ssm.TooManyUpdatesException')).toBe(true);
    expect(sdkErrorNames(serviceModel('cloudwatch')!)!.has('CloudWatch.InternalServiceException')).toBe(true);
  });

  it('has the documented Lambda names for lambda:invoke, and Invoke\'s modelled errors', () => {
    const names = optimisedErrorNames(OPTIMISED_INTEGRATIONS.get('lambda:invoke')!);
    for (const n of ['Lambda.AWSLambdaException', 'Lambda.ServiceException', 'Lambda.SdkClientException', 'Lambda.Unknown', 'Lambda.TooManyRequestsException', 'Lambda.ResourceNotFoundException']) expect(names.has(n)).toBe(true);
    expect(STATES_ERRORS.has('States.TaskFailed')).toBe(true);
  });
});

describe('integrations', () => {
  it('reads resources in every integration pattern and partition', () => {
    expect(parseTaskResource('arn:aws:states:::aws-sdk:rds:describeDBClusters')).toMatchObject({ kind: 'aws-sdk', service: 'rds', action: 'describeDBClusters', pattern: 'request-response' });
    expect(parseTaskResource('arn:aws:states:::sns:publish.waitForTaskToken')).toMatchObject({ kind: 'optimised', pattern: 'wait-for-task-token' });
    expect(parseTaskResource('arn:aws-us-gov:states:::lambda:invoke')).toMatchObject({ kind: 'optimised', partition: 'aws-us-gov' });
    expect(parseTaskResource('arn:aws-east:states:::lambda:invoke').kind).toBe('other');
    expect(resolveIntegration('arn:aws:lambda:us-east-1:111122223333:function:f')).toEqual({ ok: null });
  });

  it.each([...OPTIMISED_INTEGRATIONS.values()].map((s) => [s.id, s] as const))('%s: every documented parameter is a member of the operation in the API model', (_, spec) => {
    const op = serviceModel(spec.model.service)!.operations.get(spec.model.operation)!;
    const members = sfnMembers(op.input);
    for (const p of spec.parameters) expect(members.has(p), `${spec.id} ${p}`).toBe(true);
    expect(spec.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/step-functions\//);
  });
});

describe('the failover template', () => {
  it('calls, parameterises, reads and retries only what the API models have (the names Step Functions reports)', () => {
    const definition = renderStateMachine(exampleVariables());
    const problems: string[] = [];
    checkDefinitionStates(definition.States, (block, kind, message) => problems.push(`${kind} ${block}: ${message}`));
    expect(problems).toEqual([]);
  });

  it('calls AWS in the commercial partition, where the project\'s regions are', () => {
    const resources = Object.values(renderStateMachine(exampleVariables()).States).flatMap((s) => (typeof s.Resource === 'string' ? [s.Resource] : []));
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(parseTaskResource(r)).toMatchObject({ partition: 'aws' });
  });
});
