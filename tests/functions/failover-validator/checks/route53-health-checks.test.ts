// route53-health-checks (functions/failover-validator/checks/route53-health-checks.ts), through the
// whole report.
import { GetHealthCheckStatusCommand } from '@aws-sdk/client-route-53';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { PRIMARY, SECONDARY, SETTINGS, check, failing, healthyPair, observations } from '../fixtures.ts';

describe('route53-health-checks', () => {
  const pair = healthyPair();
  const { m } = pair;

  it('is not ready when the writer region fails its Route 53 health check', async () => {
    // Prepare
    m.route53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-primary' }).resolves({ HealthCheckObservations: observations(2, 14) });

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['route53-health-checks']);
    expect(check(report, 'route53-health-checks').detail).toBe(
      `the writer region ${PRIMARY} is unhealthy in Route 53; ${PRIMARY} unhealthy (2/16 checkers); ${SECONDARY} unhealthy (0/16 checkers)`,
    );
  });

  it('is not ready when the health-check ids lack a region', async () => {
    // Prepare
    m.localSsm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ [PRIMARY]: 'hc-primary' }) } });

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(check(report, 'route53-health-checks')).toMatchObject({ ok: false, detail: expect.stringContaining(`${SETTINGS.healthCheckIdsParameter} has no health check id for ${SECONDARY}`) });
  });
});
