// route53-health-checks: the health check ids of both regions (a JSON SSM parameter) and each check's
// status; the writer region's check must be healthy. The passive region's state is reported only:
// it normally fails, since its serving flag is false until a failover activates it.
import { GetHealthCheckStatusCommand } from '@aws-sdk/client-route-53';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import { GLOBAL, call, failed, fromEitherRegion } from '../regions.ts';
import type { Topology } from '../topology.ts';

/** Route 53 deems an endpoint healthy when more than 18% of its checkers do. */
export const ROUTE53_HEALTHY_FRACTION = 0.18;

export async function checkRoute53HealthChecks(deps: ValidatorDeps, topology: Topology | undefined): Promise<ReadinessCheck> {
  const name = 'route53-health-checks';
  try {
    const { value } = await fromEitherRegion(deps, `ssm:GetParameter(${deps.settings.healthCheckIdsParameter})`, (c) =>
      c.ssm.send(new GetParameterCommand({ Name: deps.settings.healthCheckIdsParameter })),
    );
    let ids: Record<string, unknown>;
    try {
      ids = JSON.parse(value.Parameter?.Value ?? '');
      if (ids === null || typeof ids !== 'object' || Array.isArray(ids)) throw new Error('not an object');
    } catch {
      return { name, ok: false, detail: `${deps.settings.healthCheckIdsParameter} is not a JSON object {"<region>": "<health check id>"}` };
    }
    const results = await Promise.all(
      [deps.local.region, deps.peer.region].map(async (region): Promise<{ region: string; healthy?: boolean; text: string }> => {
        const id = ids[region];
        if (typeof id !== 'string' || id === '') return { region, text: `${deps.settings.healthCheckIdsParameter} has no health check id for ${region}` };
        try {
          const out = await call(GLOBAL, `route53:GetHealthCheckStatus(${id})`, () => deps.route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })));
          const observations = out.HealthCheckObservations ?? [];
          const ok = observations.filter((o) => o.StatusReport?.Status?.startsWith('Success')).length;
          const healthy = observations.length > 0 && ok / observations.length > ROUTE53_HEALTHY_FRACTION;
          return { region, healthy, text: `${region} ${healthy ? 'healthy' : 'unhealthy'} (${ok}/${observations.length} checkers)` };
        } catch (error) {
          return { region, text: (error as Error).message };
        }
      }),
    );
    const problems = results.filter((r) => r.healthy === undefined).map((r) => r.text);
    const states = results.filter((r) => r.healthy !== undefined).map((r) => r.text);
    const healthy = new Map(results.filter((r) => r.healthy !== undefined).map((r) => [r.region, r.healthy!]));
    // The region that holds the writer must be healthy, or traffic has nowhere to go. The other region
    // normally reports unhealthy: its serving flag is false until a failover activates it.
    const writer = topology?.writer?.region;
    if (!writer) problems.push('the writer region is unknown (see global-cluster), so the health check that must pass is unknown');
    else if (healthy.get(writer) === false) problems.push(`the writer region ${writer} is unhealthy in Route 53`);
    return {
      name,
      ok: problems.length === 0,
      detail: [...problems, ...states].join('; '),
      healthyRegions: [...healthy].filter(([, h]) => h).map(([r]) => r).sort(),
    };
  } catch (error) {
    return failed(name, error);
  }
}
