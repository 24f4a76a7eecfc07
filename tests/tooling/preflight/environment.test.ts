// Reading an environment: terraform.tfvars and backend.hcl through the HCL adapter, the engine
// version from modules/global-data, and one sentence for a file of the wrong shape.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../tooling/core/errors.ts';
import { PRIMARY_PROBE_RESERVED, REGION_FENCE_RESERVED } from '../../../tooling/preflight/concurrency.ts';
import { loadEnvironment } from '../../../tooling/preflight/environment.ts';
import { environment } from './fixtures.ts';

const TFVARS = `project     = "trading"
environment = "prod"
repository  = "trading-platform-dr"
allowed_account_ids = ["210987654321"]
account_id          = "210987654321"
primary_region   = "us-east-1"
secondary_region = "us-east-2"
network = {
  primary   = { vpc_cidr = "10.30.0.0/16", availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"] }
  secondary = { vpc_cidr = "10.31.0.0/16", availability_zones = ["us-east-2a", "us-east-2b", "us-east-2c"] }
}
zone_name      = "prod.trading.acmemarkets.net"
hosted_zone_id = "Z0123456789ABCDEFGHIJ"
regional_function_settings = {
  trade_processor = { reserved_concurrency = 50 }
  health          = { reserved_concurrency = 10 }
}
failover = { require_approval = true, auto_failover_enabled = false }
`;

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'preflight-env-'));
  const all: Record<string, string> = {
    'modules/global-data/variables.tf': 'variable "aurora_engine_version" {\n  type        = string\n  description = "v"\n  default     = "16.6"\n}\n',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('loadEnvironment', () => {
  it('reads the tfvars, backend.hcl and the module\'s engine version', async () => {
    const root = repo({
      'environments/prod/terraform.tfvars': TFVARS,
      'environments/prod/backend.hcl': 'bucket = "acme-markets-tfstate-use1"\nkey = "trading-platform/prod/terraform.tfstate"\nregion = "us-east-1"\nkms_key_id = "arn:aws:kms:us-east-1:210987654321:key/mrk-1"\n',
    });
    const env = await loadEnvironment('prod', root);
    expect(env).toMatchObject({
      env: 'prod',
      namePrefix: 'trading-prod',
      regions: { primary: 'us-east-1', secondary: 'us-east-2' },
      accountId: '210987654321',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      zones: { primary: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      engineVersion: { value: '16.6', source: 'modules/global-data/variables.tf (aurora_engine_version default)' },
      backend: { bucket: 'acme-markets-tfstate-use1', region: 'us-east-1', key: 'trading-platform/prod/terraform.tfstate' },
    });
    expect(env.concurrency.primary.map((t) => t.reserved)).toEqual([50, 10, 2, 1, REGION_FENCE_RESERVED, PRIMARY_PROBE_RESERVED]); // ... db-migrator 1, region-fence, primary-probe
  });

  it('has no backend when backend.hcl does not exist yet', async () => {
    const env = await loadEnvironment('prod', repo({ 'environments/prod/terraform.tfvars': TFVARS }));
    expect(env.backend).toBeNull();
    expect(env.sources.map((s) => s.file)).toEqual(['environments/prod/terraform.tfvars']);
  });

  it('reports a tfvars syntax error with Terraform\'s diagnostic', async () => {
    const root = repo({ 'environments/prod/terraform.tfvars': 'zone_name = "a\n' });
    await expect(loadEnvironment('prod', root)).rejects.toThrow(/^environments\/prod\/terraform\.tfvars does not parse: /);
  });

  it.each([
    [{ zone_name: 3 }, 'environments/dev/terraform.tfvars: zone_name must be set to a string.'],
    [{ allowed_account_ids: '210987654321' }, 'environments/dev/terraform.tfvars: allowed_account_ids must be a list of strings.'],
    [{ network: { primary: { vpc_cidr: '10.0.0.0/16' }, secondary: {} } }, 'environments/dev/terraform.tfvars: network.primary must list its zones (availability_zone_ids or availability_zones).'],
    [{ hosted_zone_id: ['Z1'] }, 'environments/dev/terraform.tfvars: hosted_zone_id must be a string or null.'],
  ])('refuses %j with one sentence', (overrides, message) => {
    expect(() => environment(overrides)).toThrow(UserError);
    expect(() => environment(overrides)).toThrow(message);
  });

  it('refuses a backend.hcl without a bucket', () => {
    expect(() => environment({}, { key: 'k', region: 'us-east-1' })).toThrow('environments/dev/backend.hcl: bucket must be set (copy the lines that make bootstrap-state prints).');
  });
});
