// The zones each region's subnets are placed in exist in that region, as zone IDs. A name such as
// us-east-1a maps to a different physical zone in each account; a zone ID (use1-az1) does not.
import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { fail, pass, type CheckRow, type PreflightCheck } from '../check.ts';
import { ROLES } from '../environment.ts';

const ZONE_ID = /^[a-z]{2,5}\d+-az\d+$/;

export const zoneIds: PreflightCheck = {
  name: 'zone IDs',
  actions: ['ec2:DescribeAvailabilityZones'],
  async run(env, clients) {
    const rows: CheckRow[] = [];
    for (const role of ROLES) {
      const region = env.regions[role];
      const check = `zone IDs (${region})`;
      const given = env.zones[role];
      const out = await clients.ec2(region).send(new DescribeAvailabilityZonesCommand({}));
      const zones = (out.AvailabilityZones ?? []).filter((z) => (z.ZoneType ?? 'availability-zone') === 'availability-zone');
      const byId = new Map(zones.map((z) => [z.ZoneId ?? '', z]));
      const byName = new Map(zones.map((z) => [z.ZoneName ?? '', z]));
      const names = given.filter((z) => !ZONE_ID.test(z));
      if (names.length) {
        const mapping = names.map((n) => `${n}=${byName.get(n)?.ZoneId ?? 'not in this region'}`).join(', ');
        const ids = names.map((n) => byName.get(n)?.ZoneId).filter((id): id is string => !!id);
        rows.push(fail(check, `network.${role} gives zone names (${given.join(', ')}), which differ per account; in this account ${mapping}`,
          `use zone IDs (use1-az1) instead of names in ${env.files.tfvars}${ids.length === given.length ? `: ${JSON.stringify(ids)}` : ''}`));
        continue;
      }
      const missing = given.filter((id) => !byId.has(id));
      const unavailable = given.filter((id) => byId.has(id) && byId.get(id)?.State !== 'available');
      if (missing.length || unavailable.length) {
        const offered = zones.filter((z) => z.State === 'available').map((z) => z.ZoneId).join(', ');
        rows.push(fail(check, [missing.length && `${missing.join(', ')} not in ${region}`, unavailable.length && `${unavailable.join(', ')} not available`].filter(Boolean).join('; '),
          `use zone IDs ${region} offers this account (${offered}) for network.${role} in ${env.files.tfvars}`));
        continue;
      }
      rows.push(pass(check, `${given.join(', ')} exist and are available in ${region}`));
    }
    return rows;
  },
};
