// s3-failed-replication: OperationsFailedReplication of every replicated rule (see s3-replication),
// summed over the window, is 0.
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import { readMetrics, sum } from '../cloudwatch.ts';
import { call, failed } from '../regions.ts';
import type { ReplicatedRule } from './s3-replication.ts';

/** Failed S3 replication operations are summed over this window (the validator runs hourly). */
export const S3_FAILURE_WINDOW_MINUTES = 60;

export async function checkS3FailedReplication(deps: ValidatorDeps, rules: ReplicatedRule[], now: Date): Promise<ReadinessCheck> {
  const name = 's3-failed-replication';
  if (rules.length === 0) return { name, ok: false, detail: 'no replication rule to measure (see s3-replication)' };
  try {
    const start = new Date(now.getTime() - S3_FAILURE_WINDOW_MINUTES * 60_000);
    const series = await call(deps.local.region, 'cloudwatch:GetMetricData', () =>
      readMetrics(
        deps.local.cloudwatch,
        rules.map((m, i) => ({
          id: `failed${i}`,
          namespace: 'AWS/S3',
          metric: 'OperationsFailedReplication',
          dimensions: { SourceBucket: m.bucket, DestinationBucket: m.destination, RuleId: m.rule.ID ?? '' },
          stat: 'Sum' as const,
          periodSeconds: 300,
        })),
        start,
        now,
      ),
    );
    const counts = rules.map((m, i) => ({ label: `${m.bucket} -> ${m.destination}`, failed: sum(series.get(`failed${i}`)) }));
    const total = counts.reduce((a, c) => a + c.failed, 0);
    deps.metrics?.addMetric('S3FailedReplicationOperations', 'Count', total);
    const bad = counts.filter((c) => c.failed > 0);
    return {
      name,
      ok: total === 0,
      detail:
        total === 0
          ? `no failed replication operations in the last ${S3_FAILURE_WINDOW_MINUTES} min`
          : `${bad.map((c) => `${c.label}: ${c.failed} failed`).join('; ')} in the last ${S3_FAILURE_WINDOW_MINUTES} min`,
      failedOperations: total,
    };
  } catch (error) {
    return failed(name, error);
  }
}
