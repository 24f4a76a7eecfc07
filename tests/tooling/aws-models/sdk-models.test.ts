// Operations and shapes from the aws-sdk package's model files, loaded per service.
import { describe, expect, it } from 'vitest';
import { loadedModelFiles, serviceModel, sfnMembers, type ServiceModel, type Shape } from '../../../tooling/aws-models/sdk-models.ts';
import { packageVersion } from '../../../tooling/aws-models/packages.ts';

const member = (model: ServiceModel, shape: Shape | null, ...path: string[]): Shape | null => {
  let s = shape;
  for (const p of path) {
    if (p === '[]') s = model.resolve(s?.member);
    else s = model.resolve(sfnMembers(s).get(p)?.ref);
  }
  return s;
};

describe('service models', () => {
  it('come from the pinned aws-sdk package', () => {
    expect(packageVersion('aws-sdk')).toBe('2.1693.0');
  });

  it('name services as Step Functions does, and map sfn to its model', () => {
    expect(serviceModel('rds')).toMatchObject({ file: 'rds-2014-10-31.min.json', serviceId: 'RDS', javaName: 'Rds' });
    expect(serviceModel('cloudwatch')).toMatchObject({ file: 'monitoring-2010-08-01.min.json', javaName: 'CloudWatch' });
    expect(serviceModel('sfn')).toMatchObject({ serviceId: 'SFN', javaName: 'Sfn' });
    expect(serviceModel('stepfunctions')).toBeNull();
    expect(serviceModel('cloudwatchmetrics')).toBeNull();
  });

  it('load only the services asked for', () => {
    serviceModel('rds');
    expect(loadedModelFiles().some((f) => f.startsWith('ec2-'))).toBe(false);
  });

  it('give failoverGlobalCluster its input as Step Functions names it', () => {
    const rds = serviceModel('rds')!;
    const op = rds.operation('failoverGlobalCluster')!;
    expect([...sfnMembers(op.input).keys()]).toEqual(expect.arrayContaining(['GlobalClusterIdentifier', 'TargetDbClusterIdentifier', 'AllowDataLoss']));
    expect(op.input?.required).toEqual(['GlobalClusterIdentifier', 'TargetDbClusterIdentifier']);
    expect(rds.operation('failoverGlobalClusters')).toBeUndefined();
  });

  it('have the result fields the template reads: DbClusters, GlobalClusterMembers, DbClusterArn, IsWriter, FailoverState.Status', () => {
    const rds = serviceModel('rds')!;
    const cluster = member(rds, rds.operation('describeDBClusters')!.output, 'DbClusters', '[]');
    expect([...sfnMembers(cluster).keys()]).toEqual(expect.arrayContaining(['DbClusterArn', 'Status', 'EngineVersion']));
    const global = member(rds, rds.operation('describeGlobalClusters')!.output, 'GlobalClusters', '[]');
    expect(member(rds, global, 'GlobalClusterMembers', '[]', 'DbClusterArn')?.type).toBe('string');
    expect(member(rds, global, 'GlobalClusterMembers', '[]', 'IsWriter')?.type).toBe('boolean');
    expect(member(rds, global, 'FailoverState', 'Status')?.type).toBe('string');
    expect(sfnMembers(global).has('DBClusterArn')).toBe(false);
  });

  it('give Lambda\'s UUID member as Uuid', () => {
    const lambda = serviceModel('lambda')!;
    expect([...sfnMembers(lambda.operation('updateEventSourceMapping')!.input).keys()]).toEqual(expect.arrayContaining(['Uuid', 'Enabled']));
  });
});
