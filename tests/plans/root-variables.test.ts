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
      ['network={primary={vpc_cidr="10.10.0.0/16",availability_zone_ids=["use1-az1","use1-az2","use1-az4"]},secondary={vpc_cidr="10.10.64.0/18",availability_zone_ids=["use2-az1","use2-az2","use2-az3"]}}'],
      'overlap: choose disjoint ranges',
    ],
    [
      'a zone name where a zone ID belongs',
      ['network={primary={vpc_cidr="10.10.0.0/16",availability_zone_ids=["us-east-1a","us-east-1b","us-east-1c"]},secondary={vpc_cidr="10.11.0.0/16",availability_zone_ids=["use2-az1","use2-az2","use2-az3"]}}'],
      'not zone names such as us-east-1a: zone names map to different physical zones in each account, so use the zone ID',
    ],
    [
      'zone IDs of the other region',
      ['network={primary={vpc_cidr="10.10.0.0/16",availability_zone_ids=["use2-az1","use2-az2","use2-az3"]},secondary={vpc_cidr="10.11.0.0/16",availability_zone_ids=["use2-az1","use2-az2","use2-az3"]}}'],
      'must be zone IDs of that region (use1-az1 for us-east-1, use2-az1 for us-east-2)',
    ],
    [
      // offline=false is what a live plan has: the offline override is the only place that sets it.
      'a live plan without the environment\'s hosted zone',
      ['offline=false'],
      'A live plan needs the environment\'s existing, delegated hosted zone: run `make bootstrap-dns ENV=dev LIVE=1`, add the NS records it prints to the parent zone, and set hosted_zone_id in environments/dev/terraform.tfvars',
    ],
    ['a hosted zone ID that is not one', ['hosted_zone_id=dev.trading.example.com'], 'hosted_zone_id must be a Route 53 hosted zone ID'],
    ['a malformed account id', ['allowed_account_ids=["12345"]'], '12-digit AWS account ID'],
    ['no subscriber at all', ['notification_subscriptions=[]'], 'notification_subscriptions needs at least one subscriber: without one, alarms reach nobody and a recovery that needs approval times out.'],
    ['a subscriber with an unsupported protocol', ['notification_subscriptions=[{protocol="sms",endpoint="+15550100"}]'], 'Each of notification_subscriptions must be {protocol = "email", endpoint = an email address} or {protocol = "https", endpoint = an https:// URL}.'],
    ['an https subscriber without https', ['notification_subscriptions=[{protocol="https",endpoint="http://pager.internal/hook"}]'], 'Each of notification_subscriptions must be'],
    ['the same subscriber twice', ['notification_subscriptions=[{protocol="email",endpoint="a@b.co"},{protocol="email",endpoint="a@b.co"}]'], 'notification_subscriptions lists a subscriber twice.'],
    [
      'a live plan that still notifies a documentation domain',
      ['offline=false', 'hosted_zone_id=Z0123456789ABCDEFGHIJ'],
      'notification_subscriptions still names a reserved documentation domain (example.com, .invalid, .test): set the real on-call addresses in environments/dev/terraform.tfvars before a live plan.',
    ],
    [
      'a live plan with the committed placeholder truststore',
      ['offline=false', 'hosted_zone_id=Z0123456789ABCDEFGHIJ'],
      'client_truststore_file is still the committed placeholder (its CA key was discarded, so no client could connect): put the firm\'s client CA bundle in environments/dev/client-truststore.pem before a live plan',
    ],
    ['a truststore file that does not exist', ['client_truststore_file=missing.pem'], 'missing.pem'],
  ])('refuses %s', async (_name, vars, message) => {
    const result = await planWith(vars);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.replace(/\s+/g, ' ')).toContain(message);
  });
});
