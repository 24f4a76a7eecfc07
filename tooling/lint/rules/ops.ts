// OPS rules: tags, log retention, DLQs for consumed queues, tracing, alarm actions, rule targets,
// function log groups and bucket versioning.
import { block, getAll, str, type Instance } from '../plan/index.ts';
import { isSet, resolveReferences, targetsOf, typeSet } from '../plan/references.ts';
import { RuleContext } from '../plan/context.ts';

export const REQUIRED_TAGS = ['Project', 'Environment', 'ManagedBy', 'Repository'];

export function opsRules(ctx: RuleContext): void {
  const { index } = ctx;
  // OPS001
  for (const inst of index.managed) {
    if (!('tags_all' in inst.values) && !getAll(inst.unknown, ['tags_all']).includes(true)) continue;
    let missing: string[];
    if (getAll(inst.unknown, ['tags_all']).includes(true)) {
      // tags_all is computed when the resource sets its own tags: an explicit empty value still shows.
      const tags = (inst.values.tags ?? {}) as Record<string, unknown>;
      missing = REQUIRED_TAGS.filter((t) => t in tags && (tags[t] === '' || tags[t] === null));
    } else {
      const tags = (inst.values.tags_all ?? {}) as Record<string, unknown>;
      missing = REQUIRED_TAGS.filter((t) => typeof tags[t] !== 'string' || tags[t] === '');
    }
    if (missing.length) ctx.emit('OPS001', inst.address, `${inst.address} lacks tag(s) ${missing.join(', ')}: keep the providers' default_tags (Project, Environment, ManagedBy, Repository).`);
  }
  // OPS002
  for (const lg of ctx.managedOf('aws_cloudwatch_log_group')) {
    const days = lg.values.retention_in_days;
    if (!(typeof days === 'number' && days > 0) && !(getAll(lg.unknown, ['retention_in_days']).includes(true) && isSet(lg, ['retention_in_days']))) {
      ctx.emit('OPS002', lg.address, `${lg.address} keeps logs forever: set retention_in_days.`);
    }
  }
  // OPS003
  const queueTypes = typeSet('aws_sqs_queue');
  const redrives = ctx.companions('aws_sqs_queue_redrive_policy', ['queue_url'], ['aws_sqs_queue']);
  const consumed = new Map<string, Instance>();
  for (const esm of ctx.managedOf('aws_lambda_event_source_mapping')) {
    // Only a mapping that resolves to one queue says which queue is consumed.
    const queues = targetsOf(index, esm, ['event_source_arn'], queueTypes);
    if (queues.length === 1) consumed.set(queues[0]!.address, queues[0]!);
  }
  for (const q of [...consumed.values()].sort((a, b) => a.address.localeCompare(b.address))) {
    const inline = isSet(q, ['redrive_policy']);
    if (!inline && !(redrives.get(q.address)?.length)) {
      ctx.emit('OPS003', q.address, `${q.address} is consumed by a Lambda event source mapping but has no redrive policy: add a DLQ with maxReceiveCount.`);
    }
  }
  // OPS004-OPS006
  for (const f of ctx.managedOf('aws_lambda_function')) {
    if (str(block(f.values, ['tracing_config'])?.mode) !== 'Active') ctx.emit('OPS004', f.address, `${f.address} has X-Ray tracing off: set tracing_config { mode = "Active" }.`);
  }
  for (const s of ctx.managedOf('aws_api_gateway_stage')) {
    if (s.values.xray_tracing_enabled !== true) ctx.emit('OPS005', s.address, `${s.address} has X-Ray tracing off: set xray_tracing_enabled = true.`);
  }
  for (const m of ctx.managedOf('aws_sfn_state_machine')) {
    if (block(m.values, ['tracing_configuration'])?.enabled !== true) ctx.emit('OPS006', m.address, `${m.address} has tracing off: set tracing_configuration { enabled = true }.`);
  }
  // OPS007
  for (const a of ctx.managedOf('aws_cloudwatch_metric_alarm')) {
    if (!isSet(a, ['alarm_actions'])) {
      ctx.emit('OPS007', a.address, `${a.address} has no alarm_actions: send it to the region's alarm topic.`);
    }
  }
  // OPS008
  const targets = ctx.companions('aws_cloudwatch_event_target', ['rule'], ['aws_cloudwatch_event_rule']);
  for (const r of ctx.managedOf('aws_cloudwatch_event_rule')) {
    if (!(targets.get(r.address)?.length)) ctx.emit('OPS008', r.address, `${r.address} has no aws_cloudwatch_event_target: add the target (with its role and DLQ where cross-region).`);
  }
  // OPS009
  const groups = ctx.managedOf('aws_cloudwatch_log_group');
  const groupNames = new Set(groups.map((g) => str(g.values.name)).filter(Boolean));
  const fnTypes = typeSet('aws_lambda_function');
  const referenced = new Set<string>();
  for (const g of groups) for (const f of resolveReferences(index, g, ['name'], fnTypes)) referenced.add(f.address);
  const lgTypes = typeSet('aws_cloudwatch_log_group');
  for (const f of ctx.managedOf('aws_lambda_function')) {
    const fn = str(f.values.function_name);
    const configured = str(block(f.values, ['logging_config'])?.log_group);
    const ok = (fn && groupNames.has(`/aws/lambda/${fn}`)) || (configured && groupNames.has(configured)) || referenced.has(f.address) ||
      resolveReferences(index, f, ['logging_config', 'log_group'], lgTypes).length > 0;
    if (!ok) ctx.emit('OPS009', f.address, `${f.address} has no managed log group: declare aws_cloudwatch_log_group "/aws/lambda/${fn ?? '<function_name>'}" with retention and kms_key_id.`);
  }
  // OPS010
  const versioning = ctx.companions('aws_s3_bucket_versioning', ['bucket'], ['aws_s3_bucket']);
  for (const b of ctx.managedOf('aws_s3_bucket')) {
    const v = versioning.get(b.address) ?? [];
    const enabled = v.some((x) => getAll(x.values, ['versioning_configuration', 'status']).includes('Enabled'));
    if (!enabled) {
      ctx.emit('OPS010', b.address, v.length
        ? `${b.address} versioning is not Enabled: set versioning_configuration { status = "Enabled" } in ${v[0]!.address}.`
        : `${b.address} has no aws_s3_bucket_versioning: add one with status Enabled (replication needs it).`);
    }
  }
}
