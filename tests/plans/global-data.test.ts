// The replicated data layer (module.global_data) as planned for dev and prod: the Aurora global
// cluster, the sessions global table, the six buckets (config, audit and trail in each region) with
// two-way replication, the KMS keys, and the account trail.
// Key ARNs are unknown until apply, so which key a resource uses is read from the plan's
// configuration references (each per-region block names its region's key directly).
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { envDir, findMirror, requireTerraform, terraformEnv, writeCliConfig } from '../../tooling/terraform/workspace.ts';
import { regionsByConfigAddress } from '../../tooling/terraform/plan-summary.ts';
import { loadPlan, managed, variable } from './load.ts';
import { configAddress } from '../../tooling/terraform/address.ts';
import { type PlanDocument, type ResourceChange } from '../../tooling/terraform/plan-json.ts';

interface Expression {
  references?: string[];
  constant_value?: unknown;
}
type Expressions = Record<string, unknown>;
interface ConfigResource {
  address: string;
  type: string;
  expressions?: Expressions;
  depends_on?: string[];
}
interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { expressions?: Record<string, Expression>; module: ConfigModule }>;
  variables?: Record<string, { default?: unknown }>;
}

const MODULE = 'module.global_data';

function rootModule(plan: PlanDocument): ConfigModule {
  return (plan.configuration?.root_module ?? {}) as ConfigModule;
}

function globalDataConfig(plan: PlanDocument): ConfigModule {
  const call = rootModule(plan).module_calls?.global_data;
  if (!call) throw new Error('the plan configuration has no module.global_data');
  return call.module;
}

/** Every resource of every module in the configuration, with its module-qualified config address. */
function allConfigResources(mod: ConfigModule, prefix = ''): { address: string; resource: ConfigResource }[] {
  const out = (mod.resources ?? []).map((r) => ({ address: prefix + r.address, resource: r }));
  for (const [name, call] of Object.entries(mod.module_calls ?? {})) out.push(...allConfigResources(call.module, `${prefix}module.${name}.`));
  return out;
}

function isExpression(value: unknown): value is Expression {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && ('references' in value || 'constant_value' in value);
}

/** Flattens a resource's expressions into [attribute path, expression] pairs ("rule.destination.bucket"). */
function expressionPaths(expressions: Expressions | undefined, prefix = ''): [string, Expression][] {
  const out: [string, Expression][] = [];
  for (const [key, value] of Object.entries(expressions ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isExpression(value)) out.push([path, value]);
    else if (Array.isArray(value)) for (const block of value) out.push(...expressionPaths(block as Expressions, path));
  }
  return out;
}

/** The KMS key resource blocks an expression refers to: "aws_kms_key.this" or "aws_kms_replica_key.this". */
function keyBlocks(expr: Expression): string[] {
  return [...new Set((expr.references ?? []).filter((r) => /^aws_kms_(replica_)?key\.[a-z_]+$/.test(r)))];
}

/** The module instance part of a resource address (`module.global_data.module.primary_buckets`). */
const moduleOfAddress = (address: string) => address.slice(0, address.lastIndexOf('.aws_'));

function companion(resources: ResourceChange[], type: string, of: ResourceChange): ResourceChange | undefined {
  return resources.find((r) => r.type === type && moduleOfAddress(r.address) === moduleOfAddress(of.address) && r.index === of.index);
}

/**
 * A bucket policy's statements in the JSON form: the known policy, or (when its key ARN is unknown until
 * apply) the statements of the aws_iam_policy_document it is rendered from, in the same module and key.
 */
function policyStatementsIn(plan: PlanDocument, policy: ResourceChange): Record<string, any>[] {
  const known = (policy.change.after as Record<string, unknown> | null)?.policy;
  if (typeof known === 'string') return (JSON.parse(known) as { Statement: Record<string, any>[] }).Statement;
  const doc = (plan.resource_changes ?? []).find(
    (r) => r.mode === 'data' && r.type === 'aws_iam_policy_document' && r.name === 'bucket' && r.address.startsWith(`${moduleOfAddress(policy.address)}.data.`) && r.index === policy.index,
  );
  const statements = ((doc?.change.after as { statement?: Record<string, any>[] } | null)?.statement ?? []);
  return statements.map((s) => {
    const principals = (s.principals ?? []) as { type: string; identifiers: string[] }[];
    const condition: Record<string, Record<string, unknown>> = {};
    for (const c of (s.condition ?? []) as { test: string; variable: string; values: unknown[] }[]) {
      condition[c.test] = { ...condition[c.test], [c.variable]: c.values.length === 1 ? c.values[0] : c.values };
    }
    return {
      Sid: s.sid,
      Effect: s.effect ?? 'Allow',
      Principal: principals.some((p) => p.type === '*') ? '*' : Object.fromEntries(principals.map((p) => [p.type, p.identifiers])),
      Action: s.actions,
      Resource: s.resources,
      Condition: condition,
    };
  });
}

const block = <T = Record<string, unknown>>(value: unknown): T => {
  expect(Array.isArray(value) && value.length === 1, `expected one block, got ${JSON.stringify(value)}`).toBe(true);
  return (value as T[])[0] as T;
};

describe.each(['dev', 'prod'] as const)('%s plan: global data', (env) => {
  const plan = loadPlan(env);
  const all = managed(plan);
  const gd = all.filter((r) => r.address.startsWith(`${MODULE}.`));
  const ofType = (type: string) => gd.filter((r) => r.type === type);
  const after = (r: ResourceChange) => (r.change.after ?? {}) as Record<string, any>;
  const regions = regionsByConfigAddress(plan);
  const regionOf = (address: string) => regions.get(configAddress(address));
  const primary = variable<string>(plan, 'primary_region');
  const secondary = variable<string>(plan, 'secondary_region');
  const config = globalDataConfig(plan);
  const configOf = (name: string): ConfigResource => {
    const found = config.resources?.find((r) => r.address === name);
    if (!found) throw new Error(`no ${name} in module.global_data's configuration`);
    return found;
  };
  const keyRegion = (blockAddress: string) => regionOf(`${MODULE}.${blockAddress}`);
  const policyStatements = (policy: ResourceChange) => policyStatementsIn(plan, policy);
  // Each region's buckets are global-data's module.primary_buckets or module.secondary_buckets
  // (modules/regional-buckets): resolve their blocks, and follow their var.* references to the
  // expression global-data passes to that module.
  const innerModuleOf = (r: ResourceChange) => /^module\.global_data\.module\.([a-z_]+)\./.exec(r.address)?.[1];
  const configFor = (r: ResourceChange): ConfigResource => {
    const inner = innerModuleOf(r);
    const mod = inner ? config.module_calls?.[inner]?.module : config;
    const found = mod?.resources?.find((x) => x.address === `${r.type}.${r.name}`);
    if (!found) throw new Error(`no configuration for ${r.address}`);
    return found;
  };
  const keysOf = (inner: string | undefined, expr: Expression): string[] => {
    if (!inner) return keyBlocks(expr);
    const inputs = config.module_calls?.[inner]?.expressions ?? {};
    return keyBlocks({ references: (expr.references ?? []).flatMap((ref) => (ref.startsWith('var.') ? (inputs[ref.slice(4).split(/[.[]/)[0]!]?.references ?? []) : [ref])) });
  };
  // The region of a bucket module named in a reference such as module.secondary_buckets.buckets.
  const bucketModuleRegion = (refs: string[] = []) => {
    const mod = refs.map((r) => /^module\.([a-z_]+_buckets)\b/.exec(r)?.[1]).find(Boolean);
    return mod ? regionOf(`${MODULE}.module.${mod}.aws_s3_bucket.this`) : undefined;
  };

  it('has exactly one Aurora global cluster, encrypted aurora-postgresql, in the primary region', () => {
    const clusters = all.filter((r) => r.type === 'aws_rds_global_cluster');
    expect(clusters.map((c) => c.address)).toEqual([`${MODULE}.aws_rds_global_cluster.this`]);
    const cluster = after(clusters[0]!);
    expect(cluster.storage_encrypted).toBe(true);
    expect(cluster.engine).toBe('aurora-postgresql');
    expect(cluster.engine_version).toMatch(/^1[3-7]\.\d+$/);
    expect(regionOf(clusters[0]!.address)).toBe(primary);
  });

  it('sets the engine version in one place: no resource hard-codes one, and every cluster plans the same', () => {
    const constant: string[] = [];
    for (const { address, resource } of allConfigResources(rootModule(plan))) {
      if (resource.type !== 'aws_rds_global_cluster' && resource.type !== 'aws_rds_cluster') continue;
      const expr = resource.expressions?.engine_version as Expression | undefined;
      if (expr && 'constant_value' in expr) constant.push(`${address} = ${String(expr.constant_value)}`);
    }
    expect(constant).toEqual([]);
    expect((configOf('aws_rds_global_cluster.this').expressions?.engine_version as Expression).references).toContain('var.aurora_engine_version');

    const version = after(all.find((r) => r.type === 'aws_rds_global_cluster')!).engine_version;
    const members = all.filter((r) => r.type === 'aws_rds_cluster' && typeof after(r).engine_version === 'string');
    for (const m of members) expect(after(m).engine_version, m.address).toBe(version);
  });

  it('takes deletion protection from the environment input, and it is on in prod', () => {
    const wanted = variable<boolean>(plan, 'deletion_protection');
    if (env === 'prod') expect(wanted).toBe(true);
    expect(after(ofType('aws_rds_global_cluster')[0]!).deletion_protection).toBe(wanted);
    expect(after(ofType('aws_dynamodb_table')[0]!).deletion_protection_enabled).toBe(wanted);
  });

  it('plans the sessions table on demand, keyed by userId, with TTL, streams, PITR and SSE with the primary CMK', () => {
    const tables = ofType('aws_dynamodb_table');
    expect(tables).toHaveLength(1);
    const table = after(tables[0]!);
    expect(regionOf(tables[0]!.address)).toBe(primary);
    expect(table.billing_mode).toBe('PAY_PER_REQUEST');
    expect(table.hash_key).toBe('userId');
    expect(table.attribute).toEqual([{ name: 'userId', type: 'S' }]);
    expect(block(table.point_in_time_recovery)).toMatchObject({ enabled: true });
    const ttl = block<{ enabled: boolean; attribute_name: string }>(table.ttl);
    expect(ttl.enabled).toBe(true);
    expect(ttl.attribute_name).toMatch(/^\w+$/);
    expect(table.stream_enabled).toBe(true);
    expect(table.stream_view_type).toBe('NEW_AND_OLD_IMAGES');
    expect(block(table.server_side_encryption)).toMatchObject({ enabled: true });
    const sse = new Map(expressionPaths(configOf('aws_dynamodb_table.sessions').expressions));
    expect(keyBlocks(sse.get('server_side_encryption.kms_key_arn')!).map(keyRegion)).toEqual([primary]);
  });

  it('replicates the sessions table to the secondary with PITR and the secondary replica key', () => {
    const table = after(ofType('aws_dynamodb_table')[0]!);
    expect(table.replica).toHaveLength(1);
    const replica = block<{ region_name: string; point_in_time_recovery: boolean }>(table.replica);
    expect(replica.region_name).toBe(secondary);
    expect(replica.point_in_time_recovery).toBe(true);
    const exprs = new Map(expressionPaths(configOf('aws_dynamodb_table.sessions').expressions));
    const keys = keyBlocks(exprs.get('replica.kms_key_arn')!);
    expect(keys).toEqual(['aws_kms_replica_key.this']);
    expect(keys.map(keyRegion)).toEqual([secondary]);
  });

  describe('S3 buckets', () => {
    const buckets = ofType('aws_s3_bucket');
    const kindOf = (b: ResourceChange) => /-(config|audit|trail)-[a-z0-9-]+$/.exec(String(after(b).bucket))?.[1];

    it('has a config, an audit and a trail bucket in each region', () => {
      const found = buckets.map((b) => `${regionOf(b.address)} ${kindOf(b)}`).sort();
      expect(found).toEqual([primary, secondary].flatMap((r) => [`${r} audit`, `${r} config`, `${r} trail`]).sort());
      for (const b of buckets) expect(after(b).bucket, b.address).toMatch(new RegExp(`-(config|audit|trail)-${regionOf(b.address)}$`));
    });

    it.each(['versioning', 'encryption', 'public access block', 'ownership', 'TLS-only policy'])('gives every bucket its %s', (what) => {
      const problems: string[] = [];
      for (const b of buckets) {
        const name = String(after(b).bucket);
        const get = (type: string) => {
          const r = companion(gd, type, b);
          if (!r) problems.push(`${b.address} has no ${type}`);
          return r;
        };
        if (what === 'versioning') {
          const v = get('aws_s3_bucket_versioning');
          if (v && block<{ status: string }>(after(v).versioning_configuration).status !== 'Enabled') problems.push(`${v.address} is not Enabled`);
        } else if (what === 'encryption') {
          const e = get('aws_s3_bucket_server_side_encryption_configuration');
          if (!e) continue;
          const rule = block<Record<string, unknown>>(after(e).rule);
          const byDefault = block<{ sse_algorithm: string }>(rule.apply_server_side_encryption_by_default);
          if (byDefault.sse_algorithm !== 'aws:kms') problems.push(`${e.address} uses ${byDefault.sse_algorithm}`);
          // The trail bucket has none: CloudTrail's key grant is bound to the per-object encryption context.
          if (rule.bucket_key_enabled !== (kindOf(b) !== 'trail')) problems.push(`${e.address} bucket key is ${String(rule.bucket_key_enabled)}`);
          const exprs = new Map(expressionPaths(configFor(e).expressions));
          const keys = keysOf(innerModuleOf(e), exprs.get('rule.apply_server_side_encryption_by_default.kms_master_key_id') ?? {});
          if (keys.length !== 1 || keyRegion(keys[0]!) !== regionOf(b.address)) problems.push(`${e.address} encrypts with ${keys.join(',') || 'no CMK'}, not its region's key`);
        } else if (what === 'public access block') {
          const p = get('aws_s3_bucket_public_access_block');
          const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
          if (p) for (const f of flags) if (after(p)[f] !== true) problems.push(`${p.address} ${f} is not true`);
        } else if (what === 'ownership') {
          const o = get('aws_s3_bucket_ownership_controls');
          if (o && block<{ object_ownership: string }>(after(o).rule).object_ownership !== 'BucketOwnerEnforced') problems.push(`${o.address} is not BucketOwnerEnforced`);
        } else {
          const p = get('aws_s3_bucket_policy');
          if (!p) continue;
          const statements = policyStatements(p);
          const arn = `arn:aws:s3:::${name}`;
          const tls = statements.find(
            (s) =>
              s.Effect === 'Deny' &&
              s.Principal === '*' &&
              [s.Action].flat().includes('s3:*') &&
              s.Condition?.Bool?.['aws:SecureTransport'] === 'false' &&
              [s.Resource].flat().includes(arn) &&
              [s.Resource].flat().includes(`${arn}/*`),
          );
          if (!tls) problems.push(`${p.address} has no deny on aws:SecureTransport=false covering ${arn} and its objects`);
          // Issue 15: no SSE-C, no other KMS key, and configuration changes for the administrator only.
          const denies = (sid: string) => statements.find((s) => s.Sid === sid && s.Effect === 'Deny' && s.Principal === '*');
          if (!denies('DenySseC')?.Condition?.Null?.['s3:x-amz-server-side-encryption-customer-algorithm']) problems.push(`${p.address} does not refuse SSE-C`);
          // The key's ARN is unknown until apply: the condition must be there (its value is checked by
          // modules/global-data/tests/bucket_policies.tftest.hcl).
          if (!('s3:x-amz-server-side-encryption-aws-kms-key-id' in (denies('DenyOtherKmsKeys')?.Condition?.StringNotEqualsIfExists ?? {}))) problems.push(`${p.address} does not pin its KMS key`);
          const admin = denies('DenyConfigurationChangesOutsideAdministrator');
          if (!admin?.Condition?.ArnNotEquals?.['aws:PrincipalArn'] || !['s3:PutBucketPolicy', 's3:PutReplicationConfiguration', 's3:PutLifecycleConfiguration', 's3:PutBucketObjectLockConfiguration'].every((a) => [admin.Action].flat().includes(a))) {
            problems.push(`${p.address} lets principals other than the administrator change its configuration`);
          }
        }
      }
      expect(buckets).toHaveLength(6);
      expect(problems).toEqual([]);
    });

    it('puts Object Lock on the audit and trail buckets only, in the environment\'s mode (COMPLIANCE in prod)', () => {
      const lock = variable<{ mode: string; days: number }>(plan, 'audit_object_lock');
      if (env === 'prod') expect(lock.mode).toBe('COMPLIANCE');
      // The trail's log files are kept as long as the audit records (trail_object_lock defaults to it).
      const audit = buckets.filter((b) => kindOf(b) === 'audit' || kindOf(b) === 'trail');
      expect(audit).toHaveLength(4);
      for (const b of buckets) expect(after(b).object_lock_enabled, b.address).toBe(audit.includes(b));
      const configs = ofType('aws_s3_bucket_object_lock_configuration');
      expect(configs.map((c) => c.index).sort()).toEqual(audit.map((b) => b.index).sort());
      for (const c of configs) {
        expect(companion(gd, 'aws_s3_bucket', c), c.address).toBeDefined();
        const retention = block<{ mode: string; days: number }>(block<Record<string, unknown>>(after(c).rule).default_retention);
        expect(retention).toMatchObject({ mode: lock.mode, days: lock.days });
      }
    });

    it('replicates both kinds in both directions with RTC, metrics and replica modification sync', () => {
      const configs = ofType('aws_s3_bucket_replication_configuration');
      expect(configs.map((c) => `${regionOf(c.address)} ${c.index}`).sort()).toEqual(buckets.map((b) => `${regionOf(b.address)} ${b.index}`).sort());
      for (const c of configs) {
        const rule = block<Record<string, any>>(after(c).rule);
        expect(rule.status, c.address).toBe('Enabled');
        const destination = block<Record<string, any>>(rule.destination);
        expect(block(destination.replication_time), c.address).toEqual({ status: 'Enabled', time: [{ minutes: 15 }] });
        expect(block(destination.metrics), c.address).toEqual({ status: 'Enabled', event_threshold: [{ minutes: 15 }] });
        const selection = block<Record<string, unknown>>(rule.source_selection_criteria);
        expect(block(selection.replica_modifications), c.address).toEqual({ status: 'Enabled' });
        expect(block(selection.sse_kms_encrypted_objects), c.address).toEqual({ status: 'Enabled' });
        // Audit and trail delete markers stay where they were placed; config deletes follow to the peer.
        const isAudit = c.index === 'audit' || c.index === 'trail';
        expect(block(rule.delete_marker_replication), c.address).toEqual({ status: isAudit ? 'Disabled' : 'Enabled' });
      }
    });

    it('sends each region\'s buckets to the other region, encrypted with the destination\'s key, after versioning', () => {
      for (const name of ['primary', 'secondary']) {
        const cfg = configOf(`aws_s3_bucket_replication_configuration.${name}`);
        const source = regionOf(`${MODULE}.${cfg.address}`);
        const exprs = new Map(expressionPaths(cfg.expressions));
        expect(bucketModuleRegion(exprs.get('bucket')?.references), cfg.address).toBe(source);
        const destination = bucketModuleRegion(exprs.get('rule.destination.bucket')?.references);
        expect(destination, cfg.address).toBeDefined();
        expect(destination, cfg.address).not.toBe(source);
        const keys = keyBlocks(exprs.get('rule.destination.encryption_configuration.replica_kms_key_id') ?? {});
        expect(keys.map(keyRegion), cfg.address).toEqual([destination]);
        // Versioning comes first through the bucket modules' `buckets` output (its versioning status,
        // which a precondition reads at both ends); the whole modules do not, since their bucket
        // policies come after this configuration and refuse it to any principal but the administrator.
        expect(cfg.depends_on ?? [], cfg.address).not.toEqual(expect.arrayContaining(['module.primary_buckets']));
        expect(cfg.depends_on ?? [], cfg.address).not.toEqual(expect.arrayContaining(['module.secondary_buckets']));
      }
      for (const inner of ['primary_buckets', 'secondary_buckets']) {
        const call = config.module_calls?.[inner];
        const output = (call?.module as { outputs?: Record<string, { expression?: Expression }> } | undefined)?.outputs?.buckets;
        expect(output?.expression?.references ?? [], inner).toContain('aws_s3_bucket_versioning.this');
      }
    });

    it('puts each bucket policy after its replication configuration and the administrator role', () => {
      for (const [inner, direction] of [['primary_buckets', 'primary'], ['secondary_buckets', 'secondary']] as const) {
        const call = config.module_calls?.[inner];
        expect(call?.expressions?.policy_after?.references ?? [], inner).toEqual(
          expect.arrayContaining([`aws_s3_bucket_replication_configuration.${direction}`, 'aws_iam_role.key_admin']),
        );
        const policy = call?.module.resources?.find((r) => r.address === 'aws_s3_bucket_policy.this');
        expect(policy?.depends_on ?? [], inner).toEqual(
          expect.arrayContaining(['var.policy_after', 'aws_s3_bucket_lifecycle_configuration.this', 'aws_s3_bucket_object_lock_configuration.this']),
        );
      }
    });

    it('gives each direction its own IAM role named after its source region', () => {
      const roles = ofType('aws_iam_role').filter((r) => String(after(r).name).endsWith('-s3-replication'));
      expect(roles).toHaveLength(2);
      for (const region of [primary, secondary]) {
        expect(roles.filter((r) => String(after(r).name).endsWith(`-${region}-s3-replication`)), region).toHaveLength(1);
      }
      const roleRefs = ['primary', 'secondary'].map(
        (name) => (configOf(`aws_s3_bucket_replication_configuration.${name}`).expressions?.role as Expression).references?.[0],
      );
      expect(roleRefs).toEqual(['aws_iam_role.replication["primary"].arn', 'aws_iam_role.replication["secondary"].arn']);
    });
  });

  describe('account trail', () => {
    const trails = all.filter((r) => r.type === 'aws_cloudtrail');
    const kindOf = (b: ResourceChange) => /-(config|audit|trail)-[a-z0-9-]+$/.exec(String(after(b).bucket))?.[1];
    const trailConfig = () => configOf('aws_cloudtrail.this');
    const accountId = variable<string>(plan, 'account_id');

    it('is one multi-region trail in the primary with global service events, log file validation and the trail key', () => {
      expect(trails.map((t) => t.address)).toEqual([`${MODULE}.aws_cloudtrail.this`]);
      const trail = after(trails[0]!);
      expect(regionOf(trails[0]!.address)).toBe(primary);
      expect(trail).toMatchObject({ is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true, enable_logging: true });
      const exprs = new Map(expressionPaths(trailConfig().expressions));
      expect(exprs.get('kms_key_id')?.references).toContain('aws_kms_key.this["trail"]');
      expect(keyBlocks(exprs.get('kms_key_id')!).map(keyRegion)).toEqual([primary]);
      expect(exprs.get('s3_bucket_name')?.references).toContain('module.primary_buckets.trail_bucket');
      expect(String(trail.s3_bucket_name)).toMatch(new RegExp(`-trail-${primary}$`));
      // CreateTrail checks the bucket policy, which the bucket module puts last.
      expect(trailConfig().depends_on ?? []).toContain('module.primary_buckets');
    });

    it('records management events and the object-level events of both regions\' audit buckets', () => {
      type Field = { field: string; equals: string[]; starts_with: string[] | null };
      const selectors = (after(trails[0]!).advanced_event_selector ?? []) as { name: string; field_selector: Field[] }[];
      const describe = (fs: Field[]) => fs.map((f) => `${f.field} ${f.equals.join(',')}${f.starts_with?.length ? ` starts with ${f.starts_with.join(',')}` : ''}`).sort();
      const auditNames = ofType('aws_s3_bucket').filter((b) => kindOf(b) === 'audit').map((b) => String(after(b).bucket));
      expect(auditNames).toHaveLength(2);
      expect(selectors.map((s) => describe(s.field_selector)).sort()).toEqual([
        ['eventCategory Data', 'resources.ARN  starts with ' + auditNames.map((n) => `arn:aws:s3:::${n}/`).sort().join(','), 'resources.type AWS::S3::Object'],
        ['eventCategory Management'],
      ].sort());
      // Both prefixes come from the bucket modules' audit buckets, one per region.
      const data = ((trailConfig().expressions?.advanced_event_selector ?? []) as Expressions[]).flatMap((sel) => sel.field_selector as Expressions[]);
      const arnRefs = (data.find((f) => (f.field as Expression).constant_value === 'resources.ARN')?.starts_with as Expression | undefined)?.references ?? [];
      expect(arnRefs).toEqual(expect.arrayContaining(['module.primary_buckets.audit_bucket.name', 'module.secondary_buckets.audit_bucket.name']));
    });

    it('lets CloudTrail write to the trail bucket for this trail only, and encrypt with the trail key', () => {
      const trailArn = `arn:aws:cloudtrail:${primary}:${accountId}:trail/${String(after(trails[0]!).name)}`;
      const trailBucket = ofType('aws_s3_bucket').find((b) => regionOf(b.address) === primary && String(after(b).bucket).includes('-trail-'))!;
      const policy = companion(gd, 'aws_s3_bucket_policy', trailBucket)!;
      const statements = policyStatements(policy);
      const write = statements.find((s) => s.Sid === 'AWSCloudTrailWrite');
      expect(write?.Principal).toEqual({ Service: ['cloudtrail.amazonaws.com'] });
      expect([write?.Resource].flat()).toEqual([`arn:aws:s3:::${String(after(trailBucket).bucket)}/AWSLogs/${accountId}/*`]);
      expect(write?.Condition?.StringEquals).toEqual({ 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' });
      expect(statements.find((s) => s.Sid === 'AWSCloudTrailAclCheck')?.Condition?.StringEquals).toEqual({ 'aws:SourceArn': trailArn });
      const key = ofType('aws_kms_key').find((k) => k.index === 'trail')!;
      const keyPolicy = JSON.parse(String(after(key).policy)) as { Statement: Record<string, any>[] };
      const encrypt = keyPolicy.Statement.find((s) => s.Sid === 'CloudTrailEncryptLogs');
      expect(encrypt?.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
      expect(encrypt?.Condition?.StringEquals).toEqual({ 'aws:SourceArn': trailArn, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn });
    });
  });

  it('turns rotation on for every KMS key; each primary key is multi-region', () => {
    const keys = all.filter((r) => r.type === 'aws_kms_key');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const k of keys) expect(after(k).enable_key_rotation, k.address).toBe(true);
    for (const k of ofType('aws_kms_key')) expect(after(k).multi_region, k.address).toBe(true);
    expect(ofType('aws_kms_replica_key').map((k) => k.index).sort()).toEqual(ofType('aws_kms_key').map((k) => k.index).sort());
  });

  it('uses the secondary\'s replica keys for everything stored in the secondary', () => {
    // A key reference must name a key in the region where the data it protects lives.
    const wrong: string[] = [];
    // global-data's own blocks and those of its bucket modules (whose var.* lead back to global-data).
    const blocks = [
      ...(config.resources ?? []).map((resource) => ({ inner: undefined as string | undefined, resource })),
      ...Object.entries(config.module_calls ?? {}).flatMap(([inner, call]) => (call.module.resources ?? []).map((resource) => ({ inner, resource }))),
    ];
    for (const { inner, resource } of blocks) {
      if (resource.address.startsWith('data.')) continue;
      const own = regionOf(`${MODULE}.${inner ? `module.${inner}.` : ''}${resource.address}`);
      for (const [path, expr] of expressionPaths(resource.expressions)) {
        if (resource.type === 'aws_kms_replica_key' && path === 'primary_key_arn') continue;
        let where = own;
        if (resource.type === 'aws_dynamodb_table' && path.startsWith('replica.')) where = secondary;
        if (path === 'rule.destination.encryption_configuration.replica_kms_key_id') {
          where = bucketModuleRegion(new Map(expressionPaths(resource.expressions)).get('rule.destination.bucket')?.references);
        }
        for (const key of keysOf(inner, expr)) if (keyRegion(key) !== where) wrong.push(`${inner ?? ''} ${resource.address} ${path} uses ${key} (${keyRegion(key)}) for data in ${where}`);
      }
    }
    // The check reaches the bucket modules' encryption (an SSE block per region).
    expect(blocks.filter((b) => b.resource.type === 'aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(2);
    expect(wrong).toEqual([]);
    const regionalKeys = rootModule(plan).module_calls?.region_secondary?.expressions?.kms_key_arns?.references ?? [];
    expect(regionalKeys).toContain('module.global_data.secondary.kms_key_arns');
  });
});

// The root inputs this layer adds, through the real CLI against the dev environment the global setup
// initialised offline.
describe('global-data root inputs', () => {
  async function planWith(vars: string[]) {
    const bin = await requireTerraform();
    const env = terraformEnv(writeCliConfig(await findMirror()), 'dev', 'offline');
    const args = vars.flatMap((v) => ['-var', v]);
    return $({ cwd: envDir('dev'), env, nothrow: true, quiet: true })`${bin} plan -input=false -lock=false -refresh=false -no-color ${args}`;
  }

  it.each([
    ['a malformed account_id', ['account_id=12345'], 'account_id must be a 12-digit AWS account ID'],
    ['an account_id outside allowed_account_ids', ['account_id=111122223333'], 'account_id must be one of allowed_account_ids'],
    ['an unknown Object Lock mode', ['audit_object_lock={mode="LEGAL",days=30}'], 'audit_object_lock.mode must be COMPLIANCE or GOVERNANCE'],
    ['a bucket prefix with dots', ['bucket_name_prefix=trading.dev'], 'bucket_name_prefix must use only lower-case letters'],
  ])('refuses %s', async (_name, vars, message) => {
    const result = await planWith(vars);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.replace(/\s+/g, ' ')).toContain(message);
    // Each is a full offline plan of dev (the ~700 MB provider loads every time): on a shared two-core
    // machine that alone takes close to a minute.
  }, 180_000);
});
