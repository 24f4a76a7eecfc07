// region-fence configuration: a bad ARC setting stops the cold start with one actionable line.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../functions/region-fence/config.ts';
import { ConfigError, loadConfig } from '../../../functions/shared/config.ts';
import { ARNS, ENDPOINTS, OWN, PEER } from './fixtures.ts';

const env = {
  AWS_REGION: OWN,
  PEER_REGION: PEER,
  ARC_CLUSTER_ENDPOINTS: JSON.stringify(ENDPOINTS),
  ROUTING_CONTROL_ARNS: JSON.stringify(ARNS),
};

function message(overrides: Record<string, string | undefined>): string {
  try {
    loadConfig(configSchema, { ...env, ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('region-fence configuration', () => {
  it('parses the endpoints and the routing controls from JSON', () => {
    const config = loadConfig(configSchema, env);
    expect(config.ARC_CLUSTER_ENDPOINTS).toEqual(ENDPOINTS);
    expect(config.ROUTING_CONTROL_ARNS).toEqual(ARNS);
  });

  it.each([
    ['a missing endpoint list', { ARC_CLUSTER_ENDPOINTS: undefined }, 'ARC_CLUSTER_ENDPOINTS is not set'],
    [
      'endpoints that are not JSON',
      { ARC_CLUSTER_ENDPOINTS: 'https://host/v1' },
      'ARC_CLUSTER_ENDPOINTS: must be JSON: [{"endpoint":"https://<host>/v1","region":"us-west-2"}, ...], the cluster_endpoints of the ARC cluster',
    ],
    ['an empty endpoint list', { ARC_CLUSTER_ENDPOINTS: '[]' }, 'ARC_CLUSTER_ENDPOINTS: must list at least one cluster endpoint'],
    [
      'an endpoint without https and a bad region',
      { ARC_CLUSTER_ENDPOINTS: JSON.stringify([ENDPOINTS[0], { endpoint: 'http://host/v1', region: 'oregon' }]) },
      'ARC_CLUSTER_ENDPOINTS[1].endpoint: must be the https URL of a cluster endpoint; ARC_CLUSTER_ENDPOINTS[1].region: must be an AWS region name such as us-west-2',
    ],
    [
      'routing controls for one region only',
      { ROUTING_CONTROL_ARNS: JSON.stringify({ [OWN]: ARNS[OWN] }) },
      'ROUTING_CONTROL_ARNS: must name exactly us-east-2 and us-east-1 (got us-east-2)',
    ],
    [
      'a routing control that is not an ARN',
      { ROUTING_CONTROL_ARNS: JSON.stringify({ ...ARNS, [PEER]: 'routingcontrol/abc' }) },
      'ROUTING_CONTROL_ARNS.us-east-1: must be a routing control ARN, arn:aws:route53-recovery-control::<account>:controlpanel/<id>/routingcontrol/<id>',
    ],
    ['the own region as the peer', { PEER_REGION: OWN, ROUTING_CONTROL_ARNS: JSON.stringify({ [OWN]: ARNS[OWN] }) }, 'PEER_REGION: must be the other region of the pair, not us-east-2 itself'],
  ])('names %s in one line', (_name, overrides, expected) => {
    const text = message(overrides);
    expect(text).toBe(`Invalid function configuration: ${expected}`);
    expect(text).not.toContain('\n');
  });
});
