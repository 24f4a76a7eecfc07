// The errors a service models, from its pinned v3 client's generated types.
import { describe, expect, it } from 'vitest';
import { serviceErrorShapes } from '../../../tooling/aws-models/sdk-errors.ts';

describe('modelled errors', () => {
  it('list RDS\'s error shapes by their model names', () => {
    const rds = serviceErrorShapes('RDS')!;
    expect(rds.source).toMatch(/^@aws-sdk\/client-rds@3\.\d+\.\d+$/);
    for (const s of ['InvalidGlobalClusterStateFault', 'InvalidDBClusterStateFault', 'DBClusterNotFoundFault', 'GlobalClusterNotFoundFault']) expect(rds.shapes.has(s)).toBe(true);
  });

  it('have no throttling error for RDS, which arrives as the generic exception', () => {
    const rds = serviceErrorShapes('RDS')!;
    expect([...rds.shapes].filter((s) => /throttl/i.test(s))).toEqual([]);
  });

  it('keep shapes without a suffix as they are (SSM TooManyUpdates) and list SSM\'s ThrottlingException', () => {
    const ssm = serviceErrorShapes('SSM')!;
    expect(ssm.shapes.has('TooManyUpdates')).toBe(true);
    expect(ssm.shapes.has('ThrottlingException')).toBe(true);
  });

  it('return null for a service with no client installed', () => {
    expect(serviceErrorShapes('No Such Service')).toBeNull();
  });
});
