// hosted zone: exists, public, for zone_name, and public DNS delegates zone_name to its name servers.
import { GetHostedZoneCommand, NoSuchHostedZone } from '@aws-sdk/client-route-53';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { hostedZone } from '../../../tooling/preflight/checks/hosted-zone.ts';
import { environment, mockedClients, NAME_SERVERS, ZONE_ID, ZONE_NAME } from './fixtures.ts';

describe('hosted zone check', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);

  it('passes when public DNS answers the zone\'s delegation set (case and trailing dots aside)', async () => {
    mocks.resolveNs.mockResolvedValue(NAME_SERVERS.map((n) => `${n.toUpperCase()}.`).reverse());
    const rows = await hostedZone.run(environment({ hosted_zone_id: `/hostedzone/${ZONE_ID}` }), clients);
    expect(rows).toEqual([expect.objectContaining({ ok: true, result: `${ZONE_ID} serves ${ZONE_NAME} and public DNS delegates to its 4 name servers` })]);
    expect(mocks.route53).toHaveReceivedCommandWith(GetHostedZoneCommand, { Id: ZONE_ID });
    expect(mocks.resolveNs).toHaveBeenCalledWith(ZONE_NAME);
  });

  it('fails without hosted_zone_id and points at make bootstrap-dns', async () => {
    const [row] = await hostedZone.run(environment({ hosted_zone_id: null }), clients);
    expect(row).toMatchObject({ ok: false, result: 'hosted_zone_id is not set in environments/dev/terraform.tfvars' });
    expect(row!.fix).toMatch(/^run make bootstrap-dns ENV=dev LIVE=1, delegate dev\.trading\.acmemarkets\.net/);
    expect(mocks.route53).not.toHaveReceivedAnyCommand();
  });

  it('fails when the zone does not exist in the account', async () => {
    mocks.route53.on(GetHostedZoneCommand).rejects(new NoSuchHostedZone({ message: `No hosted zone found with ID: ${ZONE_ID}`, $metadata: {} }));
    const [row] = await hostedZone.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: `hosted zone ${ZONE_ID} does not exist in this account` });
  });

  it('fails when the zone is for another name', async () => {
    mocks.route53.on(GetHostedZoneCommand).resolves({ HostedZone: { Id: ZONE_ID, Name: 'staging.trading.acmemarkets.net.', CallerReference: 'x' }, DelegationSet: { NameServers: NAME_SERVERS } });
    const [row] = await hostedZone.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: `hosted zone ${ZONE_ID} is for staging.trading.acmemarkets.net, not zone_name ${ZONE_NAME}` });
  });

  it('fails for a private zone', async () => {
    mocks.route53.on(GetHostedZoneCommand).resolves({ HostedZone: { Id: ZONE_ID, Name: `${ZONE_NAME}.`, CallerReference: 'x', Config: { PrivateZone: true } }, VPCs: [{ VPCId: 'vpc-0abc', VPCRegion: 'us-east-1' }] });
    const [row] = await hostedZone.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: expect.stringContaining('is private') });
  });

  it('fails when public DNS has no NS records for the name (not delegated yet)', async () => {
    mocks.resolveNs.mockRejectedValue(Object.assign(new Error(`queryNs ENOTFOUND ${ZONE_NAME}`), { code: 'ENOTFOUND' }));
    const [row] = await hostedZone.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: `public DNS has no NS answer for ${ZONE_NAME} (ENOTFOUND: queryNs ENOTFOUND ${ZONE_NAME})` });
    expect(row!.fix).toContain(`add NS records for ${ZONE_NAME} in the parent zone with ${[...NAME_SERVERS].sort().join(', ')}`);
  });

  it('fails when public DNS delegates to other name servers (a zone made earlier and deleted)', async () => {
    mocks.resolveNs.mockResolvedValue(['ns-9.awsdns-01.com', 'ns-900.awsdns-02.net']);
    const [row] = await hostedZone.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: expect.stringMatching(/^public DNS answers NS ns-9\.awsdns-01\.com, ns-900\.awsdns-02\.net for .*, but zone .* is served by ns-101/) });
  });

  it('fails when only some of the name servers are delegated', async () => {
    mocks.resolveNs.mockResolvedValue(NAME_SERVERS.slice(0, 2));
    const [row] = await hostedZone.run(environment(), clients);
    expect(row!.ok).toBe(false);
  });
});
