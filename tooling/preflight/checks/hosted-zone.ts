// The hosted zone exists, is public, is for zone_name, and public DNS delegates zone_name to it: ACM's
// DNS validation in the apply waits for exactly that (hashicorp/terraform-provider-aws#13031).
import { GetHostedZoneCommand } from '@aws-sdk/client-route-53';
import { describeError, fail, pass, type PreflightCheck } from '../check.ts';

const CHECK = 'hosted zone';

const host = (n: string) => n.trim().toLowerCase().replace(/\.$/, '');

export const hostedZone: PreflightCheck = {
  name: CHECK,
  actions: ['route53:GetHostedZone'],
  async run(env, clients) {
    const bootstrap = `run make bootstrap-dns ENV=${env.env} LIVE=1, delegate ${env.zoneName} to the name servers it prints, and set hosted_zone_id in ${env.files.tfvars}`;
    if (!env.hostedZoneId) return [fail(CHECK, `hosted_zone_id is not set in ${env.files.tfvars}`, bootstrap)];
    const id = env.hostedZoneId.replace(/^\/?hostedzone\//, '');
    let zone;
    try {
      zone = await clients.route53.send(new GetHostedZoneCommand({ Id: id }));
    } catch (err) {
      if (err instanceof Error && err.name === 'NoSuchHostedZone') {
        return [fail(CHECK, `hosted zone ${id} does not exist in this account`, `set hosted_zone_id to the zone make bootstrap-dns ENV=${env.env} LIVE=1 created (aws route53 list-hosted-zones-by-name --dns-name ${env.zoneName})`)];
      }
      throw err;
    }
    const name = host(zone.HostedZone?.Name ?? '');
    if (name !== host(env.zoneName)) {
      return [fail(CHECK, `hosted zone ${id} is for ${name}, not zone_name ${env.zoneName}`, `set hosted_zone_id to the zone of ${env.zoneName}, or zone_name to ${name}, in ${env.files.tfvars}`)];
    }
    if (zone.HostedZone?.Config?.PrivateZone) {
      return [fail(CHECK, `hosted zone ${id} is private: public DNS and ACM cannot see it`, `create a public zone with make bootstrap-dns ENV=${env.env} LIVE=1 and set hosted_zone_id to it`)];
    }
    const expected = (zone.DelegationSet?.NameServers ?? []).map(host).sort();
    let answered: string[];
    try {
      answered = (await clients.dns.resolveNs(host(env.zoneName))).map(host).sort();
    } catch (err) {
      return [fail(CHECK, `public DNS has no NS answer for ${env.zoneName} (${describeError(err)})`,
        `add NS records for ${env.zoneName} in the parent zone with ${expected.join(', ')}, wait for the parent's TTL, then check with dig NS ${env.zoneName}`)];
    }
    const missing = expected.filter((n) => !answered.includes(n));
    const extra = answered.filter((n) => !expected.includes(n));
    if (!expected.length || missing.length || extra.length) {
      return [fail(CHECK, `public DNS answers NS ${answered.join(', ')} for ${env.zoneName}, but zone ${id} is served by ${expected.join(', ') || 'no name servers'}`,
        `make the parent zone's NS records for ${env.zoneName} exactly ${expected.join(', ')} (they point at another zone now), wait for the parent's TTL, then check with dig NS ${env.zoneName}`)];
    }
    return [pass(CHECK, `${id} serves ${env.zoneName} and public DNS delegates to its ${expected.length} name servers`)];
  },
};
