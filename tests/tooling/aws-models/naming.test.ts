// The SDK for Java v2 names Step Functions uses, on real AWS names.
import { describe, expect, it } from 'vitest';
import { javaExceptionName, javaServiceName, javaV1ExceptionName, javaWords, sfnActionName, sfnMemberName } from '../../../tooling/aws-models/naming.ts';

describe('SDK for Java v2 names', () => {
  it.each([
    ['InvalidGlobalClusterStateFault', 'InvalidGlobalClusterStateException'],
    ['InvalidDBClusterStateFault', 'InvalidDbClusterStateException'],
    ['DBClusterNotFoundFault', 'DbClusterNotFoundException'],
    ['KMSKeyNotAccessibleFault', 'KmsKeyNotAccessibleException'],
    ['TooManyUpdates', 'TooManyUpdatesException'],
    ['InternalServiceFault', 'InternalServiceException'],
    ['EC2ThrottledException', 'Ec2ThrottledException'],
    ['ResourceNotFoundException', 'ResourceNotFoundException'],
  ])('error shape %s is the exception class %s', (shape, name) => {
    expect(javaExceptionName(shape)).toBe(name);
    expect(name).not.toMatch(/FaultException$/);
  });

  it('prefixes a class that would collide with the service base exception', () => {
    expect(javaExceptionName('RdsException', 'Rds')).toBe('DefaultRdsException');
  });

  it('keeps acronyms in the SDK for Java v1 form (the lambda:invoke integration\'s documented names)', () => {
    expect(javaV1ExceptionName('EC2ThrottledException')).toBe('EC2ThrottledException');
    expect(javaV1ExceptionName('InvalidDBClusterStateFault')).toBe('InvalidDBClusterStateException');
  });

  it.each([
    ['RDS', 'Rds'],
    ['CloudWatch', 'CloudWatch'],
    ['SSM', 'Ssm'],
    ['Lambda', 'Lambda'],
    ['DynamoDB', 'DynamoDb'],
    ['ACM PCA', 'AcmPca'],
    ['Route 53', 'Route53'],
    ['SFN', 'Sfn'],
  ])('serviceId %s is the client %s', (serviceId, name) => {
    expect(javaServiceName(serviceId)).toBe(name);
  });

  it.each([
    ['DBClusterIdentifier', 'DbClusterIdentifier'],
    ['DBClusters', 'DbClusters'],
    ['DBClusterArn', 'DbClusterArn'],
    ['TargetDbClusterIdentifier', 'TargetDbClusterIdentifier'],
    ['GlobalClusterMembers', 'GlobalClusterMembers'],
    ['UUID', 'Uuid'],
    ['Equals', 'EqualsValue'],
  ])('member %s is the Step Functions field %s', (member, field) => {
    expect(sfnMemberName(member)).toBe(field);
  });

  it('splits words as the generator does', () => {
    expect(javaWords('ACMSuccess')).toEqual(['ACM', 'Success']);
    expect(javaWords('s3ec2')).toEqual(['s3', 'ec2']);
    expect(javaWords('TestV4Auth')).toEqual(['Test', 'V4', 'Auth']);
  });

  it('names an operation in a resource ARN with a lower-case first letter, acronyms kept', () => {
    expect(sfnActionName('DescribeDBClusters')).toBe('describeDBClusters');
    expect(sfnActionName('FailoverGlobalCluster')).toBe('failoverGlobalCluster');
  });
});
