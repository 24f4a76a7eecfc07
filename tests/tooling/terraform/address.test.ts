import { describe, expect, it } from 'vitest';
import { configAddress, keySuffix, moduleOf, moduleSteps, parentModule, splitAddress } from '../../../tooling/terraform/address.ts';

describe('splitAddress', () => {
  it('separates nested module instances, the resource and a string key', () => {
    expect(splitAddress('module.failover.module.region["primary"].aws_sfn_state_machine.this')).toEqual({
      module: 'module.failover.module.region["primary"]',
      resource: 'aws_sfn_state_machine.this',
      key: undefined,
    });
    expect(splitAddress('module.global.aws_s3_bucket.this["config"]').key).toBe('config');
    expect(splitAddress('aws_vpc.this[2]')).toEqual({ module: '', resource: 'aws_vpc.this', key: 2 });
  });

  it('keeps dots, brackets and escaped quotes inside a key as part of the key', () => {
    const a = splitAddress('module.m["a.b]c"].aws_x.y["k \\"q\\" .z"]');
    expect(a.module).toBe('module.m["a.b]c"]');
    expect(a.resource).toBe('aws_x.y');
    expect(a.key).toBe('k "q" .z');
  });

  it('treats data sources like resources', () => {
    expect(splitAddress('module.a.data.aws_iam_policy_document.key')).toMatchObject({ module: 'module.a', resource: 'data.aws_iam_policy_document.key' });
  });
});

describe('module steps and parents', () => {
  it('walks nested modules step by step', () => {
    expect(moduleSteps('module.a["x.y"].module.b[0]')).toEqual(['module.a["x.y"]', 'module.b[0]']);
    expect(parentModule('module.a["x"].module.b[0]')).toBe('module.a["x"]');
    expect(parentModule('module.a')).toBe('');
  });

  it('names the root module (root) and strips every key for the configuration address', () => {
    expect(moduleOf('aws_vpc.this')).toBe('(root)');
    expect(moduleOf('module.a["x"].module.b.aws_y.z[0]')).toBe('module.a["x"].module.b');
    expect(configAddress('module.a["x"].module.b[1].aws_y.z[0]')).toBe('module.a.module.b.aws_y.z');
    expect(keySuffix('k')).toBe('["k"]');
    expect(keySuffix(3)).toBe('[3]');
    expect(keySuffix(undefined)).toBe('');
  });
});
