import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const SEC002 = defineRule({
  id: 'SEC002', family: 'SEC', target: 'plan', severity: 'high', title: 'Aurora encrypted with a customer-managed key',
  checks: 'aws_rds_cluster has storage_encrypted = true and kms_key_id; aws_rds_global_cluster has storage_encrypted = true.',
  why: 'Unencrypted storage cannot be encrypted later without a restore; the default key cannot be shared or replicated.',
  fix: 'Set storage_encrypted = true and kms_key_id to the region\'s database key.',
  equivalents: ['Checkov CKV_AWS_96', 'Checkov CKV_AWS_327', 'Trivy AVD-AWS-0079'],
  check(ctx) {
    for (const c of ctx.managedOf('aws_rds_cluster')) {
      const encrypted = c.values.storage_encrypted === true;
      if (!encrypted || !isSet(c, ['kms_key_id'])) {
        ctx.emit(SEC002, c.address, !encrypted
          ? `${c.address} has storage_encrypted off: set storage_encrypted = true with the region's database key in kms_key_id.`
          : `${c.address} uses the default RDS key: set kms_key_id to the region's database key.`);
      }
    }
    for (const g of ctx.managedOf('aws_rds_global_cluster')) {
      if (g.values.storage_encrypted !== true && !(g.values.source_db_cluster_identifier)) {
        ctx.emit(SEC002, g.address, `${g.address} has storage_encrypted off: set storage_encrypted = true (members then need kms_key_id).`);
      }
    }
  },
});
