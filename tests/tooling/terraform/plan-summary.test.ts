import { describe, expect, it } from 'vitest';
import { formatSummary, summarise } from '../../../tooling/terraform/plan-summary.ts';
import { configAddress, moduleOf } from '../../../tooling/terraform/address.ts';
import { type PlanDocument } from '../../../tooling/terraform/plan-json.ts';

describe('address helpers', () => {
  it('finds the module instance of nested and keyed addresses', () => {
    expect(moduleOf('aws_vpc.this')).toBe('(root)');
    expect(moduleOf('module.a.aws_vpc.this')).toBe('module.a');
    expect(moduleOf('module.a["x.y"].module.b[0].aws_s3_bucket.this["k"]')).toBe('module.a["x.y"].module.b[0]');
  });

  it('strips instance keys for configuration addresses', () => {
    expect(configAddress('module.a["x"].aws_subnet.private["us-east-1a"]')).toBe('module.a.aws_subnet.private');
  });
});

describe('summarise', () => {
  const plan: PlanDocument = {
    format_version: '1.2',
    variables: { primary_region: { value: 'eu-west-1' } },
    configuration: {
      provider_config: {
        'aws.primary': { name: 'aws', alias: 'primary', expressions: { region: { references: ['var.primary_region'] } } },
        'aws.secondary': { name: 'aws', alias: 'secondary', expressions: { region: { constant_value: 'eu-central-1' } } },
      },
      root_module: {
        module_calls: {
          one: { module: { resources: [{ address: 'aws_vpc.this', type: 'aws_vpc', name: 'this', provider_config_key: 'aws.primary' }] } },
          two: { module: { resources: [{ address: 'aws_vpc.this', type: 'aws_vpc', name: 'this', provider_config_key: 'aws.secondary' }] } },
        },
      },
    },
    resource_changes: [
      { address: 'module.one.aws_vpc.this', mode: 'managed', type: 'aws_vpc', name: 'this', provider_name: 'aws', change: { actions: ['create'] } },
      { address: 'module.two.aws_vpc.this', mode: 'managed', type: 'aws_vpc', name: 'this', provider_name: 'aws', change: { actions: ['delete', 'create'] } },
      { address: 'module.two.data.aws_region.x', mode: 'data', type: 'aws_region', name: 'x', provider_name: 'aws', change: { actions: ['read'] } },
    ],
  };

  it('counts actions per module and resolves regions through variables and constants', () => {
    expect(summarise(plan)).toEqual([
      { module: 'module.one', region: 'eu-west-1', create: 1, update: 0, replace: 0, delete: 0 },
      { module: 'module.two', region: 'eu-central-1', create: 0, update: 0, replace: 1, delete: 0 },
    ]);
    expect(formatSummary(summarise(plan))).toContain('1 resources to add');
  });
});
