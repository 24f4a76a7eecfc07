// The root validations, exercised through the real Terraform CLI against the dev environment that
// the global setup initialised offline.
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { envDir, findMirror, requireTerraform, terraformEnv, writeCliConfig } from '../../tooling/terraform/workspace.ts';

async function planWith(vars: string[]) {
  const bin = await requireTerraform();
  const env = terraformEnv(writeCliConfig(await findMirror()), 'dev', 'offline');
  const args = vars.flatMap((v) => ['-var', v]);
  return $({ cwd: envDir('dev'), env, nothrow: true, quiet: true })`${bin} plan -input=false -lock=false -refresh=false -no-color ${args}`;
}

describe('root variable validation', () => {
  it.each([
    ['the same primary and secondary region', ['secondary_region=us-east-1'], 'secondary_region must differ from primary_region'],
    ['an unknown environment', ['environment=qa'], 'environment must be one of dev, staging or prod'],
    [
      'overlapping VPC CIDRs',
      ['network={primary={vpc_cidr="10.10.0.0/16",availability_zones=["us-east-1a","us-east-1b","us-east-1c"]},secondary={vpc_cidr="10.10.64.0/18",availability_zones=["us-east-2a","us-east-2b","us-east-2c"]}}'],
      'overlap: choose disjoint ranges',
    ],
    ['a malformed account id', ['allowed_account_ids=["12345"]'], '12-digit AWS account ID'],
  ])('refuses %s', async (_name, vars, message) => {
    const result = await planWith(vars);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.replace(/\s+/g, ' ')).toContain(message);
  });
});
