import { defineRule } from '../../rule.ts';
import { getAll, type Instance, type Obj } from '../../plan/index.ts';
import { AWS_METRICS, awsMetric, dimensionsMatch, isAwsNamespace, tableHasNamespace } from '../../../aws-models/cloudwatch-metrics.ts';

interface MetricRef {
  namespace: string;
  metric: string;
  dimensions: string[] | null;
  where: string;
}

/** The metrics an alarm reads: its own, or those of its metric_query entries. Dimensions null when unknown. */
function alarmMetrics(alarm: Instance): MetricRef[] {
  const out: MetricRef[] = [];
  const dims = (o: Obj, known: boolean) => (o.dimensions && typeof o.dimensions === 'object' ? Object.keys(o.dimensions as Obj) : known ? [] : null);
  const unknownDims = (u: unknown) => u === true || (typeof u === 'object' && u !== null && (u as Obj).dimensions === true);
  if (typeof alarm.values.namespace === 'string' && typeof alarm.values.metric_name === 'string') {
    out.push({ namespace: alarm.values.namespace, metric: alarm.values.metric_name, dimensions: dims(alarm.values, !unknownDims(alarm.unknown)), where: '' });
  }
  for (const q of getAll(alarm.values, ['metric_query'])) {
    for (const m of getAll((q ?? {}) as Obj, ['metric'])) {
      const mo = (m ?? {}) as Obj;
      if (typeof mo.namespace === 'string' && typeof mo.metric_name === 'string') {
        out.push({ namespace: mo.namespace, metric: mo.metric_name, dimensions: dims(mo, true), where: ` (metric_query ${String((q as Obj).id ?? '')})` });
      }
    }
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export const API004 = defineRule({
  id: 'API004', family: 'API', target: 'plan', severity: 'medium', title: 'Alarms read metrics AWS publishes',
  checks: 'Every aws_cloudwatch_metric_alarm on an AWS/* namespace (directly or in metric_query) names a namespace, metric and exact set of dimension names of the cited metrics table (tooling/aws-models/cloudwatch-metrics.ts). Custom namespaces are not checked.',
  why: 'An alarm on a metric or dimension AWS does not publish never gets a data point: it sits in INSUFFICIENT_DATA (or OK, with missing data treated as not breaching) while the thing it watches fails.',
  fix: 'Use the metric name and dimensions of the AWS page the table cites; for a metric the table lacks, add a row with its AWS page.',
  equivalents: [],
  notes: [
    '#### AWS metrics the alarms may read',
    '',
    '| Namespace | Metric | Dimension sets | Source |',
    '| --- | --- | --- | --- |',
    ...AWS_METRICS.map((m) => `| ${m.namespace} | ${m.metric} | ${m.dimensionSets.map((s) => (s.length ? s.join(' + ') : '(none)')).join('; ')} | ${cell(m.doc)} |`),
  ],
  check(ctx) {
    for (const alarm of ctx.managedOf('aws_cloudwatch_metric_alarm')) {
      for (const ref of alarmMetrics(alarm)) {
        if (!isAwsNamespace(ref.namespace)) continue;
        const spec = awsMetric(ref.namespace, ref.metric);
        if (!spec) {
          const what = tableHasNamespace(ref.namespace) ? `${ref.namespace} has no metric ${ref.metric} in the metrics table` : `the metrics table has no namespace ${ref.namespace}`;
          ctx.emit(API004, alarm.address, `${alarm.address}${ref.where} reads ${ref.namespace} ${ref.metric}, but ${what}: use the metric's name from its AWS page, or add the row with that page to tooling/aws-models/cloudwatch-metrics.ts.`);
          continue;
        }
        if (ref.dimensions && !dimensionsMatch(spec, ref.dimensions)) {
          const sets = spec.dimensionSets.map((s) => (s.length ? s.join(' + ') : '(none)')).join('; ');
          ctx.emit(API004, alarm.address, `${alarm.address}${ref.where} reads ${ref.namespace} ${ref.metric} with dimensions ${ref.dimensions.join(' + ') || '(none)'}, which AWS does not publish (${sets}; ${spec.doc}): use one of those dimension sets.`);
        }
      }
    }
  },
});
