// DR rules: the two-region invariants of the design (§2, §3, §7), checked across the whole plan.
import { block, getAll, regionOfArn, str, stripKeys, type Instance, type Obj } from '../plan/index.ts';
import { isSet, referencesAt, refList, resolveReferences, targetsOf, typeSet } from '../plan/references.ts';
import { PLAN_ADDRESS, RuleContext, inRegion } from '../plan/context.ts';

const byAddress = (a: Instance, b: Instance) => a.address.localeCompare(b.address);

export function drRules(ctx: RuleContext): void {
  symmetry(ctx);
  globalCluster(ctx);
  globalTable(ctx);
  bucketReplication(ctx);
  failoverRecords(ctx);
  perRegionPresence(ctx);
  kmsRegions(ctx);
}

// DR001: module instances of one source plan the same multiset of resource types.
function symmetry(ctx: RuleContext): void {
  const { index } = ctx;
  const typeCounts = new Map<string, Map<string, number>>();
  for (const inst of index.managed) {
    if (!inst.module) continue;
    const parts = inst.module.match(/module\.[A-Za-z0-9_-]+(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/g) ?? [];
    for (let i = 1; i <= parts.length; i++) {
      const m = parts.slice(0, i).join('.');
      const counts = typeCounts.get(m) ?? new Map<string, number>();
      counts.set(inst.type, (counts.get(inst.type) ?? 0) + 1);
      typeCounts.set(m, counts);
    }
  }
  const bySource = new Map<string, string[]>();
  for (const m of index.moduleInstances) {
    const source = index.moduleCalls.get(stripKeys(m))?.source;
    if (!source) continue;
    const list = bySource.get(source) ?? [];
    list.push(m);
    bySource.set(source, list);
  }
  for (const [source, instances] of bySource) {
    if (instances.length < 2) continue;
    instances.sort();
    const reference = instances[0]!;
    const refCounts = typeCounts.get(reference) ?? new Map<string, number>();
    for (const other of instances.slice(1)) {
      const counts = typeCounts.get(other) ?? new Map<string, number>();
      const diffs: string[] = [];
      for (const type of [...new Set([...refCounts.keys(), ...counts.keys()])].sort()) {
        const a = refCounts.get(type) ?? 0;
        const b = counts.get(type) ?? 0;
        if (a !== b) diffs.push(`${type} ${b} vs ${a}`);
      }
      if (diffs.length) {
        ctx.emit('DR001', other,
          `${other} plans different resources than ${reference} (same source ${source}): ${diffs.join(', ')}. ` +
          'Make the regional difference an input value, not a different set of resources.');
      }
    }
  }
}

// DR002-DR005: one global cluster, a member in every region, same engine, no headless member.
function globalCluster(ctx: RuleContext): void {
  const { index } = ctx;
  const globals = ctx.managedOf('aws_rds_global_cluster').sort(byAddress);
  const clusters = ctx.managedOf('aws_rds_cluster');
  if (globals.length === 0) {
    if (ctx.multiRegion) {
      ctx.emit('DR002', PLAN_ADDRESS,
        `The plan spans ${index.regions.join(', ')} but has no aws_rds_global_cluster: create one (global-data) and join a member cluster in each region.`);
    }
    return;
  }
  const globalTypes = typeSet('aws_rds_global_cluster');
  const memberCount = new Map(globals.map((g) => [g.address, 0]));
  for (const c of clusters) for (const t of targetsOf(index, c, ['global_cluster_identifier'], globalTypes)) memberCount.set(t.address, (memberCount.get(t.address) ?? 0) + 1);
  // The global cluster the members join is the real one; any other is the extra.
  globals.sort((a, b) => memberCount.get(b.address)! - memberCount.get(a.address)! || a.address.localeCompare(b.address));
  for (const extra of globals.slice(1)) {
    ctx.emit('DR002', extra.address,
      `${extra.address} is a second aws_rds_global_cluster (members join ${globals[0]!.address}): keep exactly one and join every regional cluster to it.`);
  }
  const instancesOf = ctx.companions('aws_rds_cluster_instance', ['cluster_identifier'], ['aws_rds_cluster']);
  for (const g of globals) {
    const members = clusters.filter((c) => targetsOf(index, c, ['global_cluster_identifier'], globalTypes).some((t) => t.address === g.address));
    const memberRegions = new Set(members.map((m) => m.region).filter(Boolean));
    for (const region of index.regions) {
      if (!memberRegions.has(region)) {
        ctx.emit('DR003', g.address,
          `${g.address} has no member aws_rds_cluster in ${region}: set global_cluster_identifier on that region's cluster.`);
      }
    }
    const engine = str(g.values.engine);
    const version = str(g.values.engine_version);
    for (const m of members.sort(byAddress)) {
      const me = str(m.values.engine);
      const mv = str(m.values.engine_version);
      if (engine && me && me !== engine) {
        ctx.emit('DR004', m.address, `${m.address} runs engine ${me} but its global cluster ${g.address} runs ${engine}: pass the engine from the global cluster.`);
      } else if (version && mv && mv !== version) {
        ctx.emit('DR004', m.address,
          `${m.address} sets engine_version ${mv} but its global cluster ${g.address} has ${version}: take the version from the global cluster output.`);
      }
      if ((instancesOf.get(m.address) ?? []).length === 0) {
        ctx.emit('DR005', m.address,
          `${m.address}${inRegion(m)} has no aws_rds_cluster_instance: a headless member cannot be promoted; add at least one instance.`);
      }
    }
  }
}

// DR006-DR007: the sessions global table reaches every region, with PITR everywhere.
function globalTable(ctx: RuleContext): void {
  const tables = ctx.managedOf('aws_dynamodb_table').sort(byAddress);
  const globals = tables.filter((t) => getAll(t.values, ['replica']).length > 0);
  if (globals.length === 0) {
    if (ctx.multiRegion && tables.length > 0) {
      for (const t of tables) {
        ctx.emit('DR006', t.address, `${t.address} has no replica: the sessions table must be a global table with a replica in every other region (${ctx.index.regions.filter((r) => r !== t.region).join(', ')}).`);
      }
    } else if (ctx.multiRegion) {
      ctx.emit('DR006', PLAN_ADDRESS, 'The plan spans two regions but has no DynamoDB global table (aws_dynamodb_table with replica blocks) for sessions.');
    }
    return;
  }
  for (const t of globals) {
    const replicas = getAll(t.values, ['replica']).filter((r): r is Obj => !!r && typeof r === 'object' && !Array.isArray(r));
    const regions = new Set(replicas.map((r) => str(r.region_name)).filter(Boolean));
    for (const region of ctx.index.regions) {
      if (region !== t.region && !regions.has(region)) {
        ctx.emit('DR006', t.address, `${t.address} has no replica in ${region}: add replica { region_name = "${region}" }.`);
      }
    }
    const pitr = block(t.values, ['point_in_time_recovery']);
    if (pitr?.enabled !== true) {
      ctx.emit('DR007', t.address, `${t.address} has point-in-time recovery off: set point_in_time_recovery { enabled = true }.`);
    }
    for (const r of replicas) {
      if (r.point_in_time_recovery !== true) {
        ctx.emit('DR007', t.address, `${t.address} replica in ${str(r.region_name) ?? '?'} has point-in-time recovery off: set point_in_time_recovery = true in that replica block.`);
      }
    }
  }
}

// DR008-DR009: every bucket replicates to a bucket in another region, and that bucket replicates back.
function bucketReplication(ctx: RuleContext): void {
  if (!ctx.multiRegion) return;
  const { index } = ctx;
  const bucketTypes = typeSet('aws_s3_bucket');
  const edges = new Map<string, Set<string>>();
  const hasConfig = new Set<string>();
  const unresolved = new Set<string>();
  for (const rc of ctx.managedOf('aws_s3_bucket_replication_configuration')) {
    const sources = targetsOf(index, rc, ['bucket'], bucketTypes);
    const destinations = targetsOf(index, rc, ['rule', 'destination', 'bucket'], bucketTypes);
    for (const s of sources) {
      hasConfig.add(s.address);
      if (destinations.length === 0) unresolved.add(s.address);
      for (const d of destinations) {
        const set = edges.get(s.address) ?? new Set<string>();
        set.add(d.address);
        edges.set(s.address, set);
      }
    }
  }
  for (const b of ctx.managedOf('aws_s3_bucket').sort(byAddress)) {
    if (unresolved.has(b.address)) continue;
    const peers = [...(edges.get(b.address) ?? [])]
      .map((a) => index.byAddress.get(a)!)
      .filter((p) => p && p.region && b.region && p.region !== b.region);
    if (peers.length === 0) {
      ctx.emit('DR008', b.address, hasConfig.has(b.address)
        ? `${b.address}${inRegion(b)} replicates only within its own region: point its replication destination at the peer bucket in the other region.`
        : `${b.address}${inRegion(b)} has no aws_s3_bucket_replication_configuration: replicate it to its peer bucket in the other region.`);
      continue;
    }
    // A destination expression can resolve to several candidate buckets (a computed for_each key); it is
    // enough that one of them replicates back, so an over-approximation never produces a finding.
    if (peers.some((p) => unresolved.has(p.address) || edges.get(p.address)?.has(b.address))) continue;
    const names = peers.map((p) => p.address).join(', ');
    ctx.emit('DR009', b.address, `${b.address} replicates to ${names}, which does not replicate back: add the reverse replication configuration on ${peers.length > 1 ? 'its peer' : names}.`);
  }
}

// DR010-DR011: a PRIMARY and a SECONDARY failover record per name, each with a health check.
function failoverRecords(ctx: RuleContext): void {
  const records = ctx.managedOf('aws_route53_record')
    .filter((r) => getAll(r.values, ['failover_routing_policy']).length > 0)
    .sort(byAddress);
  if (records.length === 0) {
    if (ctx.multiRegion) ctx.emit('DR010', PLAN_ADDRESS, 'The plan spans two regions but has no failover records: create PRIMARY and SECONDARY aws_route53_record with failover_routing_policy and health checks.');
    return;
  }
  const groups = new Map<string, Instance[]>();
  for (const r of records) {
    const key = `${str(r.values.name) ?? r.configAddress}|${str(r.values.type) ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const typeOf = (r: Instance) => str(block(r.values, ['failover_routing_policy'])?.type);
    const primaries = group.filter((r) => typeOf(r) === 'PRIMARY');
    const secondaries = group.filter((r) => typeOf(r) === 'SECONDARY');
    const name = str(group[0]!.values.name) ?? 'this name';
    if (primaries.length === 0) {
      for (const s of secondaries) ctx.emit('DR010', s.address, `${s.address} is a SECONDARY failover record for ${name} without a PRIMARY partner: add the PRIMARY record.`);
    }
    if (secondaries.length === 0) {
      for (const p of primaries) ctx.emit('DR010', p.address, `${p.address} is a PRIMARY failover record for ${name} without a SECONDARY partner: add the SECONDARY record for the other region.`);
    }
    for (const extra of [...primaries.slice(1), ...secondaries.slice(1)]) {
      ctx.emit('DR010', extra.address, `${extra.address} duplicates the ${typeOf(extra)} failover record for ${name}: keep exactly one PRIMARY and one SECONDARY.`);
    }
  }
  for (const r of records) {
    if (!isSet(r, ['health_check_id'])) {
      ctx.emit('DR011', r.address, `${r.address} has no health_check_id: Route 53 cannot fail over on it; attach the region's /health check.`);
    }
  }
}

/** For "X in every region": report a region lacking it at its counterpart elsewhere, or at the plan. */
function presence(
  ctx: RuleContext,
  rule: string,
  what: string,
  have: Map<string, Instance[]>,
  fix: string,
  lacking?: (region: string) => Instance | undefined,
): void {
  const anyRegion = [...have.values()].flat().sort(byAddress);
  for (const region of ctx.index.regions) {
    if ((have.get(region) ?? []).length > 0) continue;
    const local = lacking?.(region);
    if (local) ctx.emit(rule, local.address, `${local.address} (${region}): no ${what} in ${region}: ${fix}`);
    else if (anyRegion[0]) ctx.emit(rule, anyRegion[0].address, `${anyRegion[0].address}${inRegion(anyRegion[0])} has no counterpart in ${region}: ${fix}`);
    else if (ctx.multiRegion) ctx.emit(rule, PLAN_ADDRESS, `No ${what} in ${region}: ${fix}`);
  }
}

function byRegion(list: Instance[]): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  for (const i of list) if (i.region) out.set(i.region, [...(out.get(i.region) ?? []), i]);
  return out;
}

// DR012-DR015: orchestrator, validator schedule, RPO-lag alarm and DLQ alarm in every region.
function perRegionPresence(ctx: RuleContext): void {
  const { index } = ctx;
  if (!ctx.multiRegion) return;
  const named = (i: Instance, re: RegExp) => re.test(i.name) || re.test(str(i.values.name) ?? '') || re.test(str(i.values.function_name) ?? '');

  const machines = ctx.managedOf('aws_sfn_state_machine');
  const failoverMachines = machines.filter((m) => named(m, /failover/i));
  presence(ctx, 'DR012', 'failover state machine', byRegion(failoverMachines.length ? failoverMachines : machines),
    'deploy the failover state machine through this region\'s provider too.');

  const validators = ctx.managedOf('aws_lambda_function').filter((f) => named(f, /validator/i));
  const scheduled = new Set(ctx.managedOf('aws_cloudwatch_event_rule')
    .filter((r) => typeof r.values.schedule_expression === 'string' && r.values.schedule_expression !== '' && r.values.state !== 'DISABLED' && r.values.is_enabled !== false)
    .map((r) => r.address));
  const fnTypes = typeSet('aws_lambda_function');
  const ruleTypes = typeSet('aws_cloudwatch_event_rule');
  const validatorSchedules: Instance[] = [];
  for (const t of ctx.managedOf('aws_cloudwatch_event_target')) {
    const rules = targetsOf(index, t, ['rule'], ruleTypes).filter((r) => scheduled.has(r.address));
    const fns = targetsOf(index, t, ['arn'], fnTypes).filter((f) => validators.includes(f));
    for (const r of rules) if (fns.some((f) => f.region === r.region)) validatorSchedules.push(r);
  }
  presence(ctx, 'DR013', 'scheduled readiness validator (event rule -> validator function)', byRegion(validatorSchedules),
    'schedule the failover validator with an EventBridge rule and target in this region.',
    (region) => validators.find((v) => v.region === region));

  const alarms = ctx.managedOf('aws_cloudwatch_metric_alarm');
  const metricNames = (a: Instance) => [str(a.values.metric_name), ...getAll(a.values, ['metric_query', 'metric', 'metric_name']).map(str)];
  const rpo = alarms.filter((a) => metricNames(a).includes('AuroraGlobalDBRPOLag'));
  presence(ctx, 'DR014', 'AuroraGlobalDBRPOLag alarm', byRegion(rpo),
    'alarm on AuroraGlobalDBRPOLag in every region (the metric is emitted wherever the secondary is).');

  const dlqs = deadLetterQueues(ctx);
  const queueTypes = typeSet('aws_sqs_queue');
  const dlqAlarms = alarms.filter((a) => {
    const dims = [block(a.values, ['dimensions']), ...getAll(a.values, ['metric_query', 'metric', 'dimensions'])];
    let knownName = false;
    for (const d of dims) {
      const qn = d && typeof d === 'object' && !Array.isArray(d) ? str((d as Obj).QueueName) : undefined;
      if (!qn) continue;
      knownName = true;
      if (dlqs.some((q) => str(q.values.name) === qn && q.region === a.region)) return true;
    }
    if (knownName) return false;
    const refs = [...resolveReferences(index, a, ['dimensions'], queueTypes), ...resolveReferences(index, a, ['metric_query', 'metric', 'dimensions'], queueTypes)];
    return refs.some((q) => dlqs.includes(q));
  });
  presence(ctx, 'DR015', 'alarm on a dead-letter queue', byRegion(dlqAlarms),
    'alarm on ApproximateNumberOfMessagesVisible of this region\'s DLQ.',
    (region) => dlqs.find((q) => q.region === region));
}

/**
 * Queues that some redrive policy names as deadLetterTargetArn (inline or aws_sqs_queue_redrive_policy),
 * plus queues named as dead-letter queues (a DLQ whose redrive link is missing is still a DLQ).
 */
export function deadLetterQueues(ctx: RuleContext): Instance[] {
  const { index } = ctx;
  const out = new Map<string, Instance>();
  const queueTypes = typeSet('aws_sqs_queue');
  const holders = [...ctx.managedOf('aws_sqs_queue'), ...ctx.managedOf('aws_sqs_queue_redrive_policy')];
  for (const h of holders) {
    const policy = h.values.redrive_policy;
    if (typeof policy === 'string' && policy) {
      try {
        const arn = (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
        for (const q of arn ? index.byValue.get(arn) ?? [] : []) if (q.type === 'aws_sqs_queue') out.set(q.address, q);
        const name = arn?.split(':').pop();
        for (const q of name ? index.byValue.get(name) ?? [] : []) if (q.type === 'aws_sqs_queue' && q.region === regionOfArn(arn!)) out.set(q.address, q);
      } catch {
        // Not JSON: the plan would fail at apply; nothing to resolve here.
      }
    }
    for (const q of resolveReferences(index, h, ['redrive_policy'], queueTypes)) if (q.address !== h.address) out.set(q.address, q);
  }
  for (const q of ctx.managedOf('aws_sqs_queue')) {
    if (/(^|[-_.])(dlq|dead-?letter)([-_.]|$)/i.test(str(q.values.name) ?? q.name)) out.set(q.address, q);
  }
  return [...out.values()];
}

// DR016: every KMS key a resource uses lives in the resource's region.
const KMS_PATHS: string[][] = [
  ['kms_key_id'], ['kms_key_arn'], ['kms_master_key_id'], ['key_id'], ['performance_insights_kms_key_id'],
  ['server_side_encryption', 'kms_key_arn'],
  ['rule', 'apply_server_side_encryption_by_default', 'kms_master_key_id'],
  ['encryption_configuration', 'kms_key_id'],
];
const KEY_TYPES = typeSet('aws_kms_key', 'aws_kms_replica_key', 'aws_kms_alias', 'aws_kms_replica_external_key', 'aws_kms_external_key');
const KEY_HOLDER_SKIP = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_alias', 'aws_kms_grant', 'aws_kms_key_policy', 'aws_kms_replica_external_key']);

function keyRegions(ctx: RuleContext, inst: Instance, path: string[], values: unknown[]): Set<string> | undefined {
  const known = values.filter((v): v is string => typeof v === 'string' && v !== '');
  const regions = new Set<string>();
  for (const v of known) {
    const r = regionOfArn(v);
    if (r) regions.add(r);
    else for (const k of ctx.index.byValue.get(v) ?? []) if (KEY_TYPES.has(k.type) && k.region) regions.add(k.region);
  }
  if (known.length === 0) {
    for (const k of resolveReferences(ctx.index, inst, path, KEY_TYPES)) if (k.region) regions.add(k.region);
  }
  // Candidates in more than one region mean the reference is ambiguous here: no verdict.
  return regions.size === 1 ? regions : undefined;
}

function kmsRegions(ctx: RuleContext): void {
  const { index } = ctx;
  for (const inst of index.managed) {
    if (!inst.region || KEY_HOLDER_SKIP.has(inst.type)) continue;
    for (const path of KMS_PATHS) {
      const values = getAll(inst.values, path);
      if (values.length === 0 && referencesAt(inst, path).length === 0) continue;
      const regions = keyRegions(ctx, inst, path, values);
      const keyRegion = regions && [...regions][0];
      if (keyRegion && keyRegion !== inst.region) {
        ctx.emit('DR016', inst.address, `${inst.address} (${inst.region}) uses a KMS key from ${keyRegion} in ${path.join('.')}: use the ${inst.region} key (replica) instead.`);
      }
    }
    if (inst.type === 'aws_dynamodb_table') {
      const replicas = getAll(inst.values, ['replica']);
      const configReplicas = (inst.config?.expressions?.replica as unknown[] | undefined) ?? [];
      replicas.forEach((r, i) => {
        if (!r || typeof r !== 'object' || Array.isArray(r)) return;
        const region = str((r as Obj).region_name);
        const arn = str((r as Obj).kms_key_arn);
        let keyRegion = arn ? regionOfArn(arn) : undefined;
        if (!arn && configReplicas.length === replicas.length) {
          const expr = (configReplicas[i] as Record<string, { references?: string[] }> | undefined)?.kms_key_arn;
          const candidates = resolveRefsOnly(ctx, inst, refList(expr));
          keyRegion = candidates.size === 1 ? [...candidates][0] : undefined;
        }
        if (region && keyRegion && keyRegion !== region) {
          ctx.emit('DR016', inst.address, `${inst.address} replica in ${region} uses a KMS key from ${keyRegion}: give each replica the key of its own region.`);
        }
      });
    }
    if (inst.type === 'aws_s3_bucket_replication_configuration') {
      const dests = targetsOf(index, inst, ['rule', 'destination', 'bucket'], typeSet('aws_s3_bucket'));
      const destRegions = new Set(dests.map((d) => d.region).filter(Boolean));
      const path = ['rule', 'destination', 'encryption_configuration', 'replica_kms_key_id'];
      const values = getAll(inst.values, path);
      if (destRegions.size !== 1 || (values.length === 0 && referencesAt(inst, path).length === 0)) continue;
      const regions = keyRegions(ctx, inst, path, values);
      const keyRegion = regions && [...regions][0];
      const destRegion = [...destRegions][0]!;
      if (keyRegion && keyRegion !== destRegion) {
        ctx.emit('DR016', inst.address, `${inst.address} encrypts replicas in ${destRegion} with a KMS key from ${keyRegion}: use the destination region's key as replica_kms_key_id.`);
      }
    }
  }
}

function resolveRefsOnly(ctx: RuleContext, inst: Instance, refs: string[]): Set<string> {
  const fake: Instance = { ...inst, config: { ...inst.config!, expressions: { __k: { references: refs } } } };
  return new Set(resolveReferences(ctx.index, fake, ['__k'], KEY_TYPES).map((k) => k.region).filter((r): r is string => !!r));
}
