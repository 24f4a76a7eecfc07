// Aurora engine version: offered with global database support in both regions.
import { DescribeDBEngineVersionsCommand } from '@aws-sdk/client-rds';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { engineVersion } from '../../../tooling/preflight/checks/engine-version.ts';
import { environment, mockedClients } from './fixtures.ts';

describe('Aurora engine version check', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);

  it('passes when both regions offer the version for global databases, and asks for exactly it', async () => {
    const rows = await engineVersion.run(environment(), clients);
    expect(rows.map((r) => [r.check, r.ok])).toEqual([['Aurora engine version (us-east-1)', true], ['Aurora engine version (us-east-2)', true]]);
    expect(mocks.rds['us-east-1']).toHaveReceivedCommandWith(DescribeDBEngineVersionsCommand, { Engine: 'aurora-postgresql', EngineVersion: '16.6' });
  });

  it('fails in the region that does not offer it, naming where the version is set', async () => {
    mocks.rds['us-east-2'].on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [] });
    const rows = await engineVersion.run(environment(), clients);
    expect(rows[0]!.ok).toBe(true);
    expect(rows[1]).toMatchObject({ ok: false, result: 'aurora-postgresql 16.6 (modules/global-data/variables.tf (aurora_engine_version default)) is not offered in us-east-2' });
    expect(rows[1]!.fix).toContain('set it in modules/global-data/variables.tf');
  });

  it('fails when the version is offered without global database support', async () => {
    mocks.rds['us-east-1'].on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ Engine: 'aurora-postgresql', EngineVersion: '16.6', SupportsGlobalDatabases: false }] });
    const [row] = await engineVersion.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: 'aurora-postgresql 16.6 is offered in us-east-1 but not for global databases' });
  });

  it('uses aurora_engine_version from the tfvars when the environment sets it', async () => {
    mocks.rds['us-east-1'].on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ EngineVersion: '16.8', SupportsGlobalDatabases: true, Status: 'deprecated' }] });
    const [row] = await engineVersion.run(environment({ aurora_engine_version: '16.8' }), clients);
    expect(row).toMatchObject({ ok: true, result: 'aurora-postgresql 16.8 is offered in us-east-1 with global database support (status deprecated)' });
    expect(mocks.rds['us-east-1']).toHaveReceivedCommandWith(DescribeDBEngineVersionsCommand, { EngineVersion: '16.8' });
  });
});
