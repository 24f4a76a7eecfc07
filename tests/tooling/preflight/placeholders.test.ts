// placeholders: no stand-in value left in terraform.tfvars or backend.hcl; comments do not count.
import { describe, expect, it } from 'vitest';
import { findPlaceholders, placeholders } from '../../../tooling/preflight/checks/placeholders.ts';
import { environmentFrom } from '../../../tooling/preflight/environment.ts';
import { parseHcl, type HclValue } from '../../../tooling/terraform/hcl.ts';
import { BACKEND, environment, mockedClients, tfvars } from './fixtures.ts';

describe('placeholders check', () => {
  const { clients } = mockedClients();

  it('passes when every value is real', async () => {
    const rows = await placeholders.run(environment(), clients);
    expect(rows).toEqual([expect.objectContaining({ ok: true, result: 'no placeholder value in environments/dev/terraform.tfvars, environments/dev/backend.hcl' })]);
  });

  it.each([
    [{ account_id: '000000000000', allowed_account_ids: ['000000000000'] }, 'account_id = "000000000000" is 000000000000 (not an account)'],
    [{ allowed_account_ids: ['210987654321', '111122223333'] }, 'allowed_account_ids[1] = "111122223333" is 111122223333 (AWS documentation account)'],
    [{ zone_name: 'dev.trading.example.com' }, 'zone_name = "dev.trading.example.com" is example.com (reserved for documentation)'],
    [{ repository: 'https://example.com/trading' }, 'repository = "https://example.com/trading" is example.com'],
  ])('fails for %j in the tfvars', async (overrides, finding) => {
    const [row] = await placeholders.run(environment(overrides), clients);
    expect(row!.ok).toBe(false);
    expect(row!.result).toContain(`environments/dev/terraform.tfvars: ${finding}`);
  });

  it('fails for an unfilled backend.hcl copied from the example', async () => {
    const [row] = await placeholders.run(environment({}, { ...BACKEND, bucket: '<state-bucket-name>' }), clients);
    expect(row).toMatchObject({ ok: false, result: 'environments/dev/backend.hcl: bucket = "<state-bucket-name>" is an unfilled <...> value' });
  });

  it('does not take names that merely contain "example" for the documentation domain', () => {
    expect(findPlaceholders('f', { zone_name: 'trading.myexample.com', other: 'example.community', n: 3 } as HclValue)).toEqual([]);
  });

  it('ignores comments: the shipped notes explain the placeholders without being values', async () => {
    const source = `# 000000000000 is not a real account: set the dev account before the first live plan.
# example.com is reserved for documentation.
account_id = "210987654321"
zone_name  = "dev.trading.acmemarkets.net"
`;
    const values = { ...tfvars(), ...((await parseHcl('terraform.tfvars', source)) as { [k: string]: HclValue }) };
    const env = environmentFrom('dev', {
      tfvars: { file: 'environments/dev/terraform.tfvars', values },
      backend: null,
      engineVersionDefault: { value: '16.6', source: 'x' },
    });
    const [row] = await placeholders.run(env, clients);
    expect(row!.ok).toBe(true);
  });
});
