// zone IDs: each region's zones are given as zone IDs that exist, and are available, in that region.
import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { zoneIds } from '../../../tooling/preflight/checks/zone-ids.ts';
import { environment, mockedClients } from './fixtures.ts';

const network = (primary: Record<string, string[]>, secondary: Record<string, string[]>) => ({
  network: { primary: { vpc_cidr: '10.10.0.0/16', ...primary }, secondary: { vpc_cidr: '10.11.0.0/16', ...secondary } },
});

describe('zone IDs check', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);

  it('passes for zone IDs that exist in each region', async () => {
    const rows = await zoneIds.run(environment(), clients);
    expect(rows).toEqual([
      expect.objectContaining({ check: 'zone IDs (us-east-1)', ok: true, result: 'use1-az1, use1-az2, use1-az4 exist and are available in us-east-1' }),
      expect.objectContaining({ check: 'zone IDs (us-east-2)', ok: true }),
    ]);
  });

  it('accepts zone IDs given under availability_zones too', async () => {
    const rows = await zoneIds.run(environment(network({ availability_zones: ['use1-az1', 'use1-az2', 'use1-az4'] }, { availability_zones: ['use2-az1', 'use2-az2', 'use2-az3'] })), clients);
    expect(rows.every((r) => r.ok)).toBe(true);
  });

  it('fails for zone names, with this account\'s mapping and the IDs to use', async () => {
    const env = environment(network({ availability_zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }, { availability_zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'] }));
    const [primary] = await zoneIds.run(env, clients);
    expect(primary).toMatchObject({
      ok: false,
      result: 'network.primary gives zone names (us-east-1a, us-east-1b, us-east-1c), which differ per account; in this account us-east-1a=use1-az6, us-east-1b=use1-az1, us-east-1c=use1-az2',
      fix: 'use zone IDs (use1-az1) instead of names in environments/dev/terraform.tfvars: ["use1-az6","use1-az1","use1-az2"]',
    });
  });

  it('fails for a zone ID of another region and for one that is not available', async () => {
    mocks.ec2['us-east-1'].on(DescribeAvailabilityZonesCommand).resolves({
      AvailabilityZones: [
        { ZoneName: 'us-east-1a', ZoneId: 'use1-az1', State: 'available', ZoneType: 'availability-zone' },
        { ZoneName: 'us-east-1b', ZoneId: 'use1-az2', State: 'impaired', ZoneType: 'availability-zone' },
        { ZoneName: 'us-east-1-bos-1a', ZoneId: 'use1-bos1-az1', State: 'available', ZoneType: 'local-zone' },
      ],
    });
    const [row] = await zoneIds.run(environment(network({ availability_zone_ids: ['use1-az1', 'use1-az2', 'use2-az1'] }, { availability_zone_ids: ['use2-az1', 'use2-az2', 'use2-az3'] })), clients);
    expect(row).toMatchObject({ ok: false, result: 'use2-az1 not in us-east-1; use1-az2 not available' });
    expect(row!.fix).toBe('use zone IDs us-east-1 offers this account (use1-az1) for network.primary in environments/dev/terraform.tfvars');
  });

  it('does not count a local zone as an availability zone', async () => {
    mocks.ec2['us-east-1'].on(DescribeAvailabilityZonesCommand).resolves({
      AvailabilityZones: [{ ZoneName: 'us-east-1-bos-1a', ZoneId: 'use1-bos1-az1', State: 'available', ZoneType: 'local-zone' }],
    });
    const [row] = await zoneIds.run(environment(network({ availability_zone_ids: ['use1-bos1-az1'] }, { availability_zone_ids: ['use2-az1'] })), clients);
    expect(row!.ok).toBe(false);
  });
});
