// make bootstrap-state / bootstrap-dns: the roots' inputs from an environment's files, the refusals
// before anything reaches AWS, and the next steps they print.
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { dnsNextSteps, dnsRun, dnsStateKey, stateNextSteps, stateRun, varArgs } from '../../../tooling/bootstrap/inputs.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { environmentFrom, type PreflightEnvironment } from '../../../tooling/preflight/environment.ts';
import type { Environment } from '../../../tooling/terraform/workspace.ts';
import { BACKEND, tfvars } from '../preflight/fixtures.ts';
import type { HclValue } from '../../../tooling/terraform/hcl.ts';

function env(name: Environment, overrides: { [k: string]: HclValue } = {}, backend: { [k: string]: HclValue } | null = { ...BACKEND, key: `trading-platform/${name}/terraform.tfstate` }): PreflightEnvironment {
  return environmentFrom(name, {
    tfvars: { file: `environments/${name}/terraform.tfvars`, values: tfvars({ environment: name, ...overrides }) },
    backend: backend && { file: `environments/${name}/backend.hcl`, values: backend },
    engineVersionDefault: { value: '16.6', source: 'x' },
  });
}

describe('stateRun', () => {
  it('makes one workspace per account and lists every environment of that account', () => {
    const prod = env('prod', { account_id: '333344445555', allowed_account_ids: ['333344445555'] });
    const run = stateRun(env('dev'), [env('dev'), env('staging'), prod]);
    expect(run).toEqual({
      dir: 'bootstrap/state',
      workspace: '210987654321',
      backendConfig: [],
      vars: { project: 'trading', account_id: '210987654321', primary_region: 'us-east-1', replica_region: 'us-east-2', environments: ['dev', 'staging'] },
    });
    expect(varArgs(run.vars)).toContain('-var=environments=["dev","staging"]');
  });

  it('refuses the shipped placeholder account', () => {
    const dev = env('dev', { account_id: '000000000000', allowed_account_ids: ['000000000000'] });
    expect(() => stateRun(dev, [dev])).toThrow(/account_id = "000000000000" is 000000000000 \(not an account\).*set the real value before bootstrapping\./);
  });

  it('refuses environments of one account that disagree on the regions', () => {
    const staging = env('staging', { secondary_region: 'us-west-2' });
    expect(() => stateRun(env('dev'), [env('dev'), staging])).toThrow('staging share account 210987654321 with dev but not its project and regions');
  });
});

describe('dnsRun', () => {
  it('keeps its state next to the environment\'s, in the environment\'s bucket', () => {
    expect(dnsRun(env('dev'))).toEqual({
      dir: 'bootstrap/dns',
      workspace: null,
      backendConfig: ['-backend-config=environments/dev/backend.hcl', '-backend-config=key=trading-platform/dev/bootstrap-dns.tfstate'],
      vars: { project: 'trading', environment: 'dev', account_id: '210987654321', region: 'us-east-1', zone_name: 'dev.trading.acmemarkets.net' },
    });
    expect(dnsStateKey('terraform.tfstate')).toBe('bootstrap-dns.tfstate');
  });

  it('refuses before the state bucket exists', () => {
    expect(() => dnsRun(env('dev', {}, null))).toThrow('environments/dev/backend.hcl does not exist: run make bootstrap-state ENV=dev LIVE=1 first');
  });

  it.each([
    [{ zone_name: 'dev.trading.example.com' }, null, /zone_name = "dev\.trading\.example\.com" is example\.com/],
    [{}, { ...BACKEND, bucket: '<state-bucket-name>' }, /bucket = "<state-bucket-name>" is an unfilled <\.\.\.> value/],
  ])('refuses placeholders (%j)', (overrides, backend, message) => {
    expect(() => dnsRun(env('dev', overrides, backend ?? undefined))).toThrow(message);
  });
});

describe('next steps', () => {
  it('prints each environment\'s backend.hcl, for the primary and the replica', () => {
    const text = stateNextSteps({
      backend_hcl: { dev: 'bucket = "b-us-east-1"\nkey = "trading-platform/dev/terraform.tfstate"\n' },
      backend_hcl_replica: { dev: 'bucket = "b-us-east-2"\nkey = "trading-platform/dev/terraform.tfstate"\n' },
    });
    expect(text).toContain('# environments/dev/backend.hcl\nbucket = "b-us-east-1"\nkey = "trading-platform/dev/terraform.tfstate"\n');
    expect(text).toContain('# environments/dev/backend.hcl (replica)\nbucket = "b-us-east-2"');
  });

  it('prints the name servers, the parent zone\'s records and where the zone ID goes', () => {
    const text = dnsNextSteps(env('dev'), { zone_id: 'Z0123456789ABCDEFGHIJ', name_servers: ['ns-1.awsdns-01.com', 'ns-2.awsdns-02.net'], parent_zone_records: 'dev.trading.acmemarkets.net. 172800 IN NS ns-1.awsdns-01.com.' });
    expect(text).toContain('  ns-1.awsdns-01.com\n  ns-2.awsdns-02.net\n');
    expect(text).toContain('set hosted_zone_id = "Z0123456789ABCDEFGHIJ" in environments/dev/terraform.tfvars');
    expect(text).toContain('make preflight ENV=dev LIVE=1');
  });
});

describe('tooling/bin/bootstrap.ts', () => {
  it('refuses to run offline and an unknown root, with one line and exit 2', async () => {
    const offline = await $({ cwd: repoRoot, env: { ...process.env, LIVE: '' }, nothrow: true, quiet: true })`npx tsx tooling/bin/bootstrap.ts dns --env dev`;
    expect(offline.exitCode).toBe(2);
    expect(offline.stderr).toContain('bootstrap: error: make bootstrap-dns creates resources in AWS, so it only runs live: make bootstrap-dns ENV=dev LIVE=1.');
    const usage = await $({ cwd: repoRoot, nothrow: true, quiet: true })`npx tsx tooling/bin/bootstrap.ts zone --env dev --live`;
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('bootstrap: error: Usage: bootstrap state|dns --env <env> --live');
  });
});
