import { getAll, regionOfArn, str, type Instance, type Obj } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import { referencesAt, refList, resolveReferences, targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const KMS_PATHS: string[][] = [
  ['kms_key_id'], ['kms_key_arn'], ['kms_master_key_id'], ['key_id'], ['performance_insights_kms_key_id'],
  ['server_side_encryption', 'kms_key_arn'],
  ['rule', 'apply_server_side_encryption_by_default', 'kms_master_key_id'],
  ['encryption_configuration', 'kms_key_id'],
];
const KEY_TYPES = typeSet('aws_kms_key', 'aws_kms_replica_key', 'aws_kms_alias', 'aws_kms_replica_external_key', 'aws_kms_external_key');
const KEY_HOLDER_SKIP = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_alias', 'aws_kms_grant', 'aws_kms_key_policy', 'aws_kms_replica_external_key']);
const BUCKET_TYPES = typeSet('aws_s3_bucket');
const REPLICA_KEY_PATH = ['rule', 'destination', 'encryption_configuration', 'replica_kms_key_id'];

export const DR016 = defineRule({
  id: 'DR016', family: 'DR', target: 'plan', severity: 'critical', title: 'No KMS key from another region',
  checks: 'KMS key attributes (kms_key_id, kms_key_arn, kms_master_key_id, key_id, replica keys) resolve to a key in the resource\'s own region (a DynamoDB replica: the replica\'s region; an S3 replication destination: the destination bucket\'s region).',
  why: 'A resource encrypted with the other region\'s key becomes unreadable when that region is down, and such a key cannot even be used across regions for most services.',
  fix: 'Use the replica key of the resource\'s region (global-data outputs one key set per region).',
  equivalents: [],
  check(ctx) {
    for (const inst of ctx.index.managed) {
      if (!inst.region || KEY_HOLDER_SKIP.has(inst.type)) continue;
      for (const path of KMS_PATHS) {
        const values = getAll(inst.values, path);
        if (values.length === 0 && referencesAt(inst, path).length === 0) continue;
        const keyRegion = singleRegion(keyRegions(ctx, inst, path, values));
        if (keyRegion && keyRegion !== inst.region) {
          ctx.emit(DR016, inst.address, `${inst.address} (${inst.region}) uses a KMS key from ${keyRegion} in ${path.join('.')}: use the ${inst.region} key (replica) instead.`);
        }
      }
      if (inst.type === 'aws_dynamodb_table') replicaKeys(ctx, inst);
      if (inst.type === 'aws_s3_bucket_replication_configuration') replicationKey(ctx, inst);
    }
  },
});

/** Each DynamoDB replica block's key must be in that replica's region. */
function replicaKeys(ctx: RuleContext, inst: Instance): void {
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
      ctx.emit(DR016, inst.address, `${inst.address} replica in ${region} uses a KMS key from ${keyRegion}: give each replica the key of its own region.`);
    }
  });
}

/** An S3 replication's replica key must be in the destination bucket's region. */
function replicationKey(ctx: RuleContext, inst: Instance): void {
  const dests = targetsOf(ctx.index, inst, ['rule', 'destination', 'bucket'], BUCKET_TYPES);
  const destRegions = new Set(dests.map((d) => d.region).filter(Boolean));
  const values = getAll(inst.values, REPLICA_KEY_PATH);
  if (destRegions.size !== 1 || (values.length === 0 && referencesAt(inst, REPLICA_KEY_PATH).length === 0)) return;
  const keyRegion = singleRegion(keyRegions(ctx, inst, REPLICA_KEY_PATH, values));
  const destRegion = [...destRegions][0]!;
  if (keyRegion && keyRegion !== destRegion) {
    ctx.emit(DR016, inst.address, `${inst.address} encrypts replicas in ${destRegion} with a KMS key from ${keyRegion}: use the destination region's key as replica_kms_key_id.`);
  }
}

/** Regions of the keys an attribute names: known ARNs, known key ids, else its references. */
function keyRegions(ctx: RuleContext, inst: Instance, path: string[], values: unknown[]): Set<string> {
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
  return regions;
}

/** The one region, or undefined: candidates in more than one region make the reference ambiguous (no verdict). */
function singleRegion(regions: Set<string>): string | undefined {
  return regions.size === 1 ? [...regions][0] : undefined;
}

function resolveRefsOnly(ctx: RuleContext, inst: Instance, refs: string[]): Set<string> {
  const fake: Instance = { ...inst, config: { ...inst.config!, expressions: { __k: { references: refs } } } };
  return new Set(resolveReferences(ctx.index, fake, ['__k'], KEY_TYPES).map((k) => k.region).filter((r): r is string => !!r));
}
