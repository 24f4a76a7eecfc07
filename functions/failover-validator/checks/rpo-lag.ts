// rpo-lag: AuroraGlobalDBRPOLag of every secondary, read in the secondary's own region (where it is
// published): the newest datapoint of the window is within the threshold; no datapoint fails.
import { LAG_WINDOW_MINUTES, type ReadinessCheck, type ValidatorDeps } from '../check.ts';
import { latest, readMetrics } from '../cloudwatch.ts';
import { call, clientsFor } from '../regions.ts';
import type { Topology } from '../topology.ts';

export async function checkRpoLag(deps: ValidatorDeps, topology: Topology, now: Date): Promise<ReadinessCheck> {
  const name = 'rpo-lag';
  const thresholdMs = deps.settings.rpoLagThresholdSeconds * 1000;
  const secondaries = topology.members.filter((m) => !m.isWriter);
  if (secondaries.length === 0) return { name, ok: false, detail: 'no secondary cluster to measure', thresholdMs };
  const start = new Date(now.getTime() - LAG_WINDOW_MINUTES * 60_000);
  const problems: string[] = [];
  const facts: string[] = [];
  let worst: number | undefined;
  for (const s of secondaries) {
    // AuroraGlobalDBRPOLag and AuroraGlobalDBReplicationLag are published in the secondary's region.
    const clients = clientsFor(deps, s.region);
    if (!clients) {
      problems.push(`secondary ${s.clusterId} is in ${s.region}, which this validator has no clients for`);
      continue;
    }
    try {
      const dims = { DBClusterIdentifier: s.clusterId };
      const series = await call(s.region, 'cloudwatch:GetMetricData', () =>
        readMetrics(
          clients.cloudwatch,
          [
            { id: 'rpo', namespace: 'AWS/RDS', metric: 'AuroraGlobalDBRPOLag', dimensions: dims, stat: 'Maximum', periodSeconds: 60 },
            { id: 'replication', namespace: 'AWS/RDS', metric: 'AuroraGlobalDBReplicationLag', dimensions: dims, stat: 'Maximum', periodSeconds: 60 },
          ],
          start,
          now,
        ),
      );
      const rpo = latest(series.get('rpo'));
      const replication = latest(series.get('replication'));
      if (replication) deps.metrics?.addMetric('GlobalDbReplicationLagMs', 'Milliseconds', replication.value);
      if (!rpo) {
        problems.push(`no AuroraGlobalDBRPOLag datapoints for ${s.clusterId} in ${s.region} in the last ${LAG_WINDOW_MINUTES} min (is the secondary replicating?)`);
        continue;
      }
      deps.metrics?.addMetric('RpoLagMs', 'Milliseconds', rpo.value);
      worst = Math.max(worst ?? 0, rpo.value);
      const fact = `${s.clusterId} (${s.region}) RPO lag ${rpo.value} ms${replication ? `, replication lag ${replication.value} ms` : ''}`;
      if (rpo.value > thresholdMs) problems.push(`${fact} exceeds ${thresholdMs} ms`);
      else facts.push(fact);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return {
    name,
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${facts.join('; ')} (threshold ${thresholdMs} ms)` : problems.join('; '),
    rpoLagMs: worst ?? null,
    thresholdMs,
  };
}
