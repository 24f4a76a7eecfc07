import { getAll, str, type Instance } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';
import { byRegion, presence } from './presence.ts';

const metricNames = (a: Instance) => [str(a.values.metric_name), ...getAll(a.values, ['metric_query', 'metric', 'metric_name']).map(str)];

export const DR014 = defineRule({
  id: 'DR014', family: 'DR', target: 'plan', severity: 'high', title: 'RPO-lag alarm in every region',
  checks: 'Every region has an aws_cloudwatch_metric_alarm on AuroraGlobalDBRPOLag (or a metric query using it).',
  why: 'The metric is emitted in whichever region is secondary; after a failover the other region must alarm.',
  fix: 'Create the RPO-lag alarm in the regional stack so it exists in both regions.',
  equivalents: [],
  check(ctx) {
    if (!ctx.multiRegion) return;
    const rpo = ctx.managedOf('aws_cloudwatch_metric_alarm').filter((a) => metricNames(a).includes('AuroraGlobalDBRPOLag'));
    presence(ctx, DR014, 'AuroraGlobalDBRPOLag alarm', byRegion(rpo),
      'alarm on AuroraGlobalDBRPOLag in every region (the metric is emitted wherever the secondary is).');
  },
});
