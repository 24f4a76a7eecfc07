// Reads recent datapoints of a few CloudWatch metrics in one GetMetricData call.
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export interface MetricQuery {
  /** Query id: lower-case letter first, then letters, digits and underscores. */
  id: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: 'Maximum' | 'Average' | 'Sum';
  periodSeconds: number;
}

/** Datapoints newest first. */
export interface Series {
  values: number[];
  timestamps: Date[];
}

export async function readMetrics(cloudwatch: CloudWatchClient, queries: MetricQuery[], start: Date, end: Date): Promise<Map<string, Series>> {
  const series = new Map<string, Series>(queries.map((q) => [q.id, { values: [], timestamps: [] }]));
  const metricDataQueries: MetricDataQuery[] = queries.map((q) => ({
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: q.namespace,
        MetricName: q.metric,
        Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: q.periodSeconds,
      Stat: q.stat,
    },
  }));
  let nextToken: string | undefined;
  do {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({ MetricDataQueries: metricDataQueries, StartTime: start, EndTime: end, ScanBy: 'TimestampDescending', NextToken: nextToken }),
    );
    for (const result of out.MetricDataResults ?? []) {
      const s = result.Id ? series.get(result.Id) : undefined;
      if (!s) continue;
      s.values.push(...(result.Values ?? []));
      s.timestamps.push(...(result.Timestamps ?? []));
    }
    nextToken = out.NextToken;
  } while (nextToken);
  return series;
}

export function latest(series: Series | undefined): { value: number; at: Date } | undefined {
  if (!series || series.values.length === 0) return undefined;
  let best = 0;
  for (let i = 1; i < series.values.length; i++) {
    if ((series.timestamps[i]?.getTime() ?? 0) > (series.timestamps[best]?.getTime() ?? 0)) best = i;
  }
  return { value: series.values[best]!, at: series.timestamps[best]! };
}

export function sum(series: Series | undefined): number {
  return (series?.values ?? []).reduce((a, b) => a + b, 0);
}
