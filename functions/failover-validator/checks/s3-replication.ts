// s3-replication: GetBucketReplication of this region's config and audit buckets: each has an enabled
// rule to another bucket, with Replication Time Control and replication metrics. The rules that
// qualify are what s3-failed-replication measures.
import { GetBucketReplicationCommand, type ReplicationRule } from '@aws-sdk/client-s3';
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import { call } from '../regions.ts';

/** An enabled rule of `bucket` that replicates to `destination`, another bucket. */
export interface ReplicatedRule {
  bucket: string;
  rule: ReplicationRule;
  destination: string;
}

function bucketNameFromArn(arn: string | undefined): string | undefined {
  return arn?.startsWith('arn:') ? arn.split(':::')[1] : arn;
}

export async function checkS3Replication(deps: ValidatorDeps): Promise<{ check: ReadinessCheck; rules: ReplicatedRule[] }> {
  const buckets = [deps.settings.configBucket, deps.settings.auditBucket];
  const configs = await Promise.all(
    buckets.map(async (bucket) => {
      try {
        const out = await call(deps.local.region, `s3:GetBucketReplication(${bucket})`, () =>
          deps.local.s3.send(new GetBucketReplicationCommand({ Bucket: bucket })),
        );
        return { bucket, rules: out.ReplicationConfiguration?.Rules ?? [] };
      } catch (error) {
        const missing = /ReplicationConfigurationNotFound/.test((error as Error).message);
        return { bucket, error: missing ? `${bucket} has no replication configuration` : (error as Error).message };
      }
    }),
  );

  const problems: string[] = [];
  const facts: string[] = [];
  const rules: ReplicatedRule[] = [];
  for (const c of configs) {
    if ('error' in c) {
      problems.push(c.error!);
      continue;
    }
    const enabled = c.rules!.filter((r) => r.Status === 'Enabled');
    if (enabled.length === 0) problems.push(`${c.bucket} has no enabled replication rule`);
    for (const rule of enabled) {
      const destination = bucketNameFromArn(rule.Destination?.Bucket);
      const label = `${c.bucket} rule ${rule.ID ?? '(no id)'}`;
      if (!destination || destination === c.bucket) {
        problems.push(`${label} has no other bucket as destination`);
        continue;
      }
      // Replication Time Control and its metrics are what make the 15-minute objective and the
      // failed-operation metric exist at all.
      if (rule.Destination?.ReplicationTime?.Status !== 'Enabled') problems.push(`${label} lacks Replication Time Control`);
      if (rule.Destination?.Metrics?.Status !== 'Enabled') problems.push(`${label} lacks replication metrics`);
      rules.push({ bucket: c.bucket, rule, destination });
      facts.push(`${c.bucket} -> ${destination}`);
    }
  }
  const check: ReadinessCheck = {
    name: 's3-replication',
    ok: problems.length === 0,
    detail: problems.length === 0 ? `enabled with RTC and metrics: ${facts.join(', ')}` : problems.join('; '),
  };
  return { check, rules };
}
