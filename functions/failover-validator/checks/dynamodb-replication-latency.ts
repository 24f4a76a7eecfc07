// dynamodb-replication-latency: ReplicationLatency of the sessions table both ways, each read in the
// sending region (where it is published): within the threshold. No datapoint means no replicated
// writes in the window, which passes.
import { LAG_WINDOW_MINUTES, type ReadinessCheck, type ValidatorDeps } from '../check.ts';
import { latest, readMetrics } from '../cloudwatch.ts';
import { call } from '../regions.ts';

export async function checkDynamodbReplicationLatency(deps: ValidatorDeps, now: Date): Promise<ReadinessCheck> {
  const name = 'dynamodb-replication-latency';
  const thresholdMs = deps.settings.replicationLatencyThresholdMs;
  const start = new Date(now.getTime() - LAG_WINDOW_MINUTES * 60_000);
  // ReplicationLatency is published in the sending region, per receiving region: one query each way.
  const directions = [
    { from: deps.local, to: deps.peer.region },
    { from: deps.peer, to: deps.local.region },
  ];
  const results = await Promise.all(
    directions.map(async ({ from, to }) => {
      try {
        const series = await call(from.region, 'cloudwatch:GetMetricData', () =>
          readMetrics(
            from.cloudwatch,
            [
              {
                id: 'latency',
                namespace: 'AWS/DynamoDB',
                metric: 'ReplicationLatency',
                dimensions: { TableName: deps.settings.sessionsTable, ReceivingRegion: to },
                stat: 'Average',
                periodSeconds: 60,
              },
            ],
            start,
            now,
          ),
        );
        const point = latest(series.get('latency'));
        if (!point) return { ok: true, text: `${from.region}->${to}: no replicated writes in the last ${LAG_WINDOW_MINUTES} min` };
        deps.metrics?.addMetric('SessionsReplicationLatencyMs', 'Milliseconds', point.value);
        const text = `${from.region}->${to}: ${Math.round(point.value)} ms`;
        return point.value > thresholdMs ? { ok: false, text: `${text} exceeds ${thresholdMs} ms`, value: point.value } : { ok: true, text, value: point.value };
      } catch (error) {
        return { ok: false, text: (error as Error).message };
      }
    }),
  );
  const values = results.flatMap((r) => ('value' in r && typeof r.value === 'number' ? [r.value] : []));
  return {
    name,
    ok: results.every((r) => r.ok),
    detail: results.map((r) => r.text).join('; '),
    latencyMs: values.length ? Math.max(...values) : null,
    thresholdMs,
  };
}
