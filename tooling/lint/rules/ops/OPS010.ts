import { getAll } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

export const OPS010 = defineRule({
  id: 'OPS010', family: 'OPS', target: 'plan', severity: 'high', title: 'Bucket versioning enabled',
  checks: 'Each bucket has an aws_s3_bucket_versioning with status Enabled.',
  why: 'Replication requires it, and it is the only undo for an overwritten object.',
  fix: 'Add aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.',
  equivalents: ['Checkov CKV_AWS_21', 'Trivy AVD-AWS-0090'],
  check(ctx) {
    const versioning = ctx.companions('aws_s3_bucket_versioning', ['bucket'], ['aws_s3_bucket']);
    for (const b of ctx.managedOf('aws_s3_bucket')) {
      const v = versioning.get(b.address) ?? [];
      const enabled = v.some((x) => getAll(x.values, ['versioning_configuration', 'status']).includes('Enabled'));
      if (!enabled) {
        ctx.emit(OPS010, b.address, v.length
          ? `${b.address} versioning is not Enabled: set versioning_configuration { status = "Enabled" } in ${v[0]!.address}.`
          : `${b.address} has no aws_s3_bucket_versioning: add one with status Enabled (replication needs it).`);
      }
    }
  },
});
