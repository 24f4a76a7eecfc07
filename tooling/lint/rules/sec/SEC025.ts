import { getAll, type ConfigExpression, type Instance, type Obj } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import { expressionsAt, isSet, resolveExpression, targetsOf, typeSet } from '../../plan/references.ts';
import { bucketReplication } from '../dr/replication.ts';
import { defineRule } from '../../rule.ts';

const BUCKETS = typeSet('aws_s3_bucket');
// Advanced event selector fields and values (CloudTrail API AdvancedFieldSelector):
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
const S3_OBJECT = 'AWS::S3::Object';

/**
 * Audit buckets: write-once records, i.e. buckets with Object Lock (the design's audit bucket), except a
 * trail's own log bucket and the buckets it replicates to. Recording data events of the bucket a trail
 * delivers to would record each delivery, and each delivery of those records, without end.
 */
function auditBuckets(ctx: RuleContext, trails: Instance[]): Instance[] {
  const locked = ctx.companions('aws_s3_bucket_object_lock_configuration', ['bucket'], ['aws_s3_bucket']);
  const logBuckets = new Set(trails.flatMap((t) => targetsOf(ctx.index, t, ['s3_bucket_name'], BUCKETS)).map((b) => b.address));
  const { edges } = bucketReplication(ctx);
  for (const queue = [...logBuckets]; queue.length;) {
    const source = ctx.index.byAddress.get(queue.pop()!);
    if (!source) continue;
    // Replication destinations resolved through a for_each over several buckets are over-approximated:
    // only a single destination, or the one with the source's own key, is taken as the replica.
    const peers = [...(edges.get(source.address) ?? [])].map((a) => ctx.index.byAddress.get(a)).filter((p): p is Instance => !!p);
    const sameKey = peers.filter((p) => p.key !== undefined && p.key === source.key);
    const replicas = peers.length === 1 ? peers : sameKey.length === 1 ? sameKey : [];
    for (const peer of replicas) if (!logBuckets.has(peer.address)) queue.push((logBuckets.add(peer.address), peer.address));
  }
  return ctx.managedOf('aws_s3_bucket').filter((b) => (b.values.object_lock_enabled === true || locked.has(b.address)) && !logBuckets.has(b.address));
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const field = (selectors: Obj[], name: string) => selectors.filter((f) => f.field === name);

/** A known ARN prefix covers the bucket: `arn:aws:s3:::<bucket>/...` or a prefix of it. */
function prefixCovers(prefix: string, bucket: Instance): boolean {
  const name = bucket.values.bucket;
  if (typeof name !== 'string') return false;
  const objects = `${/^arn:(aws[a-z-]*)/.exec(prefix)?.[0] ?? 'arn:aws'}:s3:::${name}/`;
  return objects.startsWith(prefix) || prefix === `${objects.slice(0, -1)}`;
}

/**
 * Buckets whose object-level write events the trail records: an advanced selector with eventCategory
 * Data, resources.type AWS::S3::Object, not read-only, and resources.ARN StartsWith a prefix of the
 * bucket's objects (or no ARN filter: every bucket); or a basic event selector's S3 data resource.
 */
function coveredBuckets(ctx: RuleContext, trail: Instance, audit: Instance[]): Set<Instance> {
  const out = new Set<Instance>();
  const selectors = getAll(trail.values, ['advanced_event_selector']).filter((s): s is Obj => !!s && typeof s === 'object' && !Array.isArray(s));
  const configSelectors = expressionsAt(trail, ['advanced_event_selector']);
  selectors.forEach((sel, i) => {
    const fields = getAll(sel, ['field_selector']).filter((f): f is Obj => !!f && typeof f === 'object' && !Array.isArray(f));
    if (!field(fields, 'eventCategory').some((f) => strings(f.equals).includes('Data'))) return;
    if (!field(fields, 'resources.type').some((f) => strings(f.equals).includes(S3_OBJECT))) return;
    if (field(fields, 'readOnly').some((f) => strings(f.equals).includes('true'))) return;
    const arns = field(fields, 'resources.ARN');
    if (!arns.length) {
      for (const b of audit) out.add(b);
      return;
    }
    for (const f of arns) {
      const known = strings(f.starts_with);
      for (const b of audit) if (known.some((p) => prefixCovers(p, b))) out.add(b);
    }
    // Prefixes unknown at plan time (bucket ARNs): the configuration's references name the buckets. The
    // selector's configuration block is found by its name (dynamic blocks are not in the configuration),
    // else by position; field selectors are a set, so a field is found by its name.
    const named = configSelectors.find((c) => sel.name && ((c as Obj).name as ConfigExpression | undefined)?.constant_value === sel.name);
    const config = named ?? (configSelectors.length === selectors.length ? configSelectors[i] : undefined);
    if (config) {
      const configFields = getAll(config as Obj, ['field_selector']) as Obj[];
      for (const cf of configFields) {
        if ((cf.field as ConfigExpression | undefined)?.constant_value !== 'resources.ARN') continue;
        for (const b of resolveExpression(ctx.index, trail, cf.starts_with as ConfigExpression | undefined, BUCKETS)) out.add(b);
      }
    }
  });
  for (const sel of getAll(trail.values, ['event_selector'])) {
    if (!sel || typeof sel !== 'object' || Array.isArray(sel) || (sel as Obj).read_write_type === 'ReadOnly') continue;
    for (const dr of getAll(sel, ['data_resource'])) {
      const d = dr as Obj;
      if (d?.type !== S3_OBJECT) continue;
      const values = strings(d.values);
      for (const b of audit) if (values.some((v) => v === 'arn:aws:s3' || v === 'arn:aws:s3:::' || prefixCovers(v, b))) out.add(b);
    }
  }
  return out;
}

export const SEC025 = defineRule({
  id: 'SEC025', family: 'SEC', target: 'plan', severity: 'high', title: 'Multi-region trail records the audit buckets\' data events',
  checks: 'Every aws_cloudtrail has is_multi_region_trail, enable_log_file_validation and a kms_key_id. Every audit bucket (an aws_s3_bucket with Object Lock that is neither a trail\'s log bucket nor a replica of one) has its object-level events recorded by a trail that is multi-region or in the bucket\'s region: an advanced_event_selector with eventCategory Equals Data, resources.type Equals AWS::S3::Object, not readOnly Equals true, and resources.ARN StartsWith a prefix of the bucket\'s objects (matched by known value, or by the configuration reference to the bucket when the ARN is unknown at plan time); a basic event_selector data_resource of type AWS::S3::Object counts too.',
  why: 'The audit records prove who ordered what. Management events do not show who wrote, read or tried to overwrite a record; only S3 data events do. A trail in one region misses the other region\'s API calls after a failover, an unvalidated trail cannot prove its own log files were not edited, and one without a customer key leaves the logs readable to anyone who can read the bucket.',
  fix: 'In global-data, create one aws_cloudtrail with is_multi_region_trail = true, enable_log_file_validation = true, kms_key_id = the logs key, and an advanced_event_selector (eventCategory = Data, resources.type = AWS::S3::Object, resources.ARN StartsWith "<audit bucket ARN>/" for each region\'s audit bucket).',
  equivalents: ['Checkov CKV_AWS_67 (multi-region)', 'Checkov CKV_AWS_36 (log file validation)', 'Checkov CKV_AWS_35 (KMS)', 'Trivy AVD-AWS-0014/0016/0015 (same three)'],
  notes: [
    'Severity high: without it nothing records who read, wrote or deleted an audit record, or proves that the trail\'s own files are untouched, so an incident cannot be reconstructed.',
    'Data events: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html; log file integrity validation: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html.'],
  check(ctx) {
    const trails = ctx.managedOf('aws_cloudtrail');
    const audit = auditBuckets(ctx, trails);
    const covered = new Set<Instance>();
    for (const t of trails) {
      const missing: string[] = [];
      if (t.values.is_multi_region_trail !== true) missing.push('is_multi_region_trail = true');
      if (t.values.enable_log_file_validation !== true) missing.push('enable_log_file_validation = true');
      if (!isSet(t, ['kms_key_id'])) missing.push('kms_key_id (a customer-managed key)');
      if (missing.length) ctx.emit(SEC025, t.address, `${t.address} is not a validated, encrypted, multi-region trail: set ${missing.join(', ')}.`);
      for (const b of coveredBuckets(ctx, t, audit)) {
        if (t.values.is_multi_region_trail === true || (t.region && t.region === b.region)) covered.add(b);
      }
    }
    for (const b of audit) {
      if (covered.has(b)) continue;
      const by = trails.length ? `no trail (${trails.map((t) => t.address).join(', ')}) records` : 'no CloudTrail trail in this plan records';
      ctx.emit(SEC025, b.address, `${b.address} is an audit bucket (Object Lock) but ${by} its object-level events: add an advanced_event_selector with eventCategory = Data, resources.type = ${S3_OBJECT} and resources.ARN StartsWith this bucket's ARN + "/" to a multi-region trail.`);
    }
  },
});
