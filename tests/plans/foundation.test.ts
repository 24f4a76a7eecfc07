import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../tooling/terraform/workspace.ts';
import { regionsByConfigAddress } from '../../tooling/terraform/plan-summary.ts';
import { readFileSync } from 'node:fs';
import { egressLog } from './global-setup.ts';
import { loadPlan, managed, variable } from './load.ts';
import { configAddress, moduleOf } from '../../tooling/terraform/address.ts';

const REQUIRED_TAGS = ['Project', 'Environment', 'ManagedBy', 'Repository'];

describe.each(ENVIRONMENTS)('%s plan', (env) => {
  const plan = loadPlan(env);

  it('is a terraform show -json document of format 1.x that creates resources', () => {
    expect(plan.format_version).toMatch(/^1\./);
    expect(managed(plan).length).toBeGreaterThan(10);
  });

  it('tags every taggable resource with the default tags', () => {
    const missing: string[] = [];
    for (const rc of managed(plan)) {
      const after = rc.change.after ?? {};
      if (!('tags_all' in after)) continue;
      const tags = (after.tags_all ?? {}) as Record<string, string>;
      for (const t of REQUIRED_TAGS) if (!tags[t]) missing.push(`${rc.address} lacks ${t}`);
      if (tags.Environment && tags.Environment !== env) missing.push(`${rc.address} has Environment=${tags.Environment}`);
    }
    expect(missing).toEqual([]);
  });

  it('places each regional stack in the region its provider names', () => {
    const regions = regionsByConfigAddress(plan);
    const primary = variable<string>(plan, 'primary_region');
    const secondary = variable<string>(plan, 'secondary_region');
    const wrong: string[] = [];
    for (const rc of managed(plan)) {
      const region = regions.get(configAddress(rc.address));
      if (region === undefined) wrong.push(`${rc.address} has no resolvable region`);
      const mod = moduleOf(rc.address);
      if (mod === 'module.region_primary' && region !== primary) wrong.push(`${rc.address} in ${region}`);
      if (mod === 'module.region_secondary' && region !== secondary) wrong.push(`${rc.address} in ${region}`);
      // Availability zones are inputs, so a zone from the wrong region would only fail at apply.
      const az = rc.change.after?.availability_zone;
      if (typeof az === 'string' && !az.startsWith(region ?? '?')) wrong.push(`${rc.address} zone ${az} is not in ${region}`);
    }
    expect(wrong).toEqual([]);
  });

  it('puts primary KMS keys in the primary region and their replicas in the secondary', () => {
    const regions = regionsByConfigAddress(plan);
    const keys = managed(plan).filter((r) => r.type === 'aws_kms_key' || r.type === 'aws_kms_replica_key');
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      const want = k.type === 'aws_kms_key' ? variable(plan, 'primary_region') : variable(plan, 'secondary_region');
      expect(regions.get(configAddress(k.address)), k.address).toBe(want);
    }
  });
});

describe('offline mode', () => {
  it('made no network request while planning the three environments', () => {
    const { attempts } = JSON.parse(readFileSync(egressLog(), 'utf8')) as { attempts: string[] };
    expect(attempts).toEqual([]);
  });
});

// The composition is shared; any difference between dev and prod must come from an input the
// design lets environments vary. Each entry is "<resource type>.<attribute path>".
const ALLOWED_DIFFERENCES = new Set<string>([
  'aws_vpc.cidr_block',
  'aws_subnet.cidr_block',
  'aws_route53_zone.name',
  // global-data: deletion_protection, audit_object_lock and noncurrent_version_expiration_days.
  'aws_rds_global_cluster.deletion_protection',
  'aws_dynamodb_table.deletion_protection_enabled',
  'aws_s3_bucket_object_lock_configuration.rule.*.default_retention.*.mode',
  'aws_s3_bucket_object_lock_configuration.rule.*.default_retention.*.days',
  'aws_s3_bucket_lifecycle_configuration.rule.*.noncurrent_version_expiration.*.noncurrent_days',
  // regional-stack: deletion_protection and the regional_* sizing, throttling, threshold and
  // log-retention inputs.
  'aws_rds_cluster.deletion_protection',
  'aws_rds_cluster.backup_retention_period',
  'aws_rds_cluster.serverlessv2_scaling_configuration.*.min_capacity',
  'aws_rds_cluster.serverlessv2_scaling_configuration.*.max_capacity',
  'aws_lambda_function.reserved_concurrent_executions',
  'aws_lambda_event_source_mapping.scaling_config.*.maximum_concurrency',
  'aws_lambda_function.environment.*.variables.RPO_LAG_THRESHOLD_SECONDS',
  'aws_api_gateway_method_settings.settings.*.throttling_rate_limit',
  'aws_api_gateway_method_settings.settings.*.throttling_burst_limit',
  'aws_cloudwatch_metric_alarm.threshold',
  'aws_cloudwatch_log_group.retention_in_days',
  // regional-stack backup.vault_lock_mode follows the environment: COMPLIANCE in prod, which alone
  // has a grace period before the lock becomes permanent (GOVERNANCE has none).
  'aws_backup_vault_lock_configuration.changeable_for_days',
  // client_truststore_file: each environment's client CA bundle (mutual TLS, decision 008).
  'aws_s3_object.content',
  // failover.approval_timeout_seconds: the approval queue keeps a request an hour past the wait.
  'aws_sqs_queue.message_retention_seconds',
]);

// Resource types whose number of instances an environment input sets (regional_database.instance_count).
const COUNT_DRIVEN_TYPES = new Set<string>(['aws_rds_cluster_instance']);

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${Array.isArray(value) ? '*' : k}` : k, out);
    return;
  }
  const key = prefix;
  // Lists flatten to "*": join the values, order kept.
  out.set(key, out.has(key) ? `${out.get(key)}|${String(value)}` : String(value));
}

function normalised(env: string, value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  flatten(value, '', out);
  for (const [k, v] of out) out.set(k, v.replaceAll(env, '<env>'));
  return out;
}

describe('prod against dev', () => {
  it('has the same resources, differing only in the instance counts an input sets', () => {
    const counts = (env: 'dev' | 'prod') => {
      const out = new Map<string, { type: string; n: number }>();
      for (const r of managed(loadPlan(env))) {
        const key = configAddress(r.address);
        out.set(key, { type: r.type, n: (out.get(key)?.n ?? 0) + 1 });
      }
      return out;
    };
    const dev = counts('dev');
    const prod = counts('prod');
    expect([...prod.keys()].sort()).toEqual([...dev.keys()].sort());
    const differing = [...prod].filter(([k, v]) => dev.get(k)?.n !== v.n).map(([k, v]) => `${v.type} ${k}`);
    expect(differing.every((d) => COUNT_DRIVEN_TYPES.has(d.split(' ')[0]!)), differing.join('\n')).toBe(true);
  });

  it('differs only in attributes driven by per-environment inputs', () => {
    const dev = new Map(managed(loadPlan('dev')).map((r) => [r.address, r]));
    const unexpected: string[] = [];
    for (const rc of managed(loadPlan('prod'))) {
      const other = dev.get(rc.address);
      if (!other) continue;
      const a = normalised('prod', rc.change.after);
      const b = normalised('dev', other.change.after);
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        if (key.startsWith('tags_all') || key.startsWith('tags.')) continue;
        if (a.get(key) !== b.get(key) && !ALLOWED_DIFFERENCES.has(`${rc.type}.${key}`)) {
          unexpected.push(`${rc.address}: ${key} dev=${b.get(key)} prod=${a.get(key)}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });
});
