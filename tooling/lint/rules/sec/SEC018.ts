import { defineRule } from '../../rule.ts';

export const SEC018 = defineRule({
  id: 'SEC018', family: 'SEC', target: 'plan', severity: 'high', title: 'Deletion protection and backups in prod',
  checks: 'When the root variable environment is prod: aws_rds_cluster deletion_protection and backup_retention_period >= 7, aws_rds_global_cluster deletion_protection, aws_dynamodb_table deletion_protection_enabled.',
  why: 'A mistaken destroy of production state is not recoverable by the DR design.',
  fix: 'Set the protection flags from an environment input that is true in prod.',
  equivalents: ['Checkov CKV_AWS_139 (RDS deletion protection)', 'Trivy AVD-AWS-0077 (backup retention)'],
  check(ctx) {
    if (ctx.index.variables.environment !== 'prod') return;
    for (const c of ctx.managedOf('aws_rds_cluster')) {
      if (c.values.deletion_protection !== true) ctx.emit(SEC018, c.address, `${c.address} has deletion_protection off in prod: set it from the environment input.`);
      const days = c.values.backup_retention_period;
      if (typeof days !== 'number' || days < 7) ctx.emit(SEC018, c.address, `${c.address} keeps backups ${typeof days === 'number' ? `${days} day(s)` : 'for the default 1 day'} in prod: set backup_retention_period >= 7.`);
    }
    for (const g of ctx.managedOf('aws_rds_global_cluster')) {
      if (g.values.deletion_protection !== true) ctx.emit(SEC018, g.address, `${g.address} has deletion_protection off in prod: set deletion_protection = true.`);
    }
    for (const t of ctx.managedOf('aws_dynamodb_table')) {
      if (t.values.deletion_protection_enabled !== true) ctx.emit(SEC018, t.address, `${t.address} has deletion_protection_enabled off in prod: set it to true.`);
    }
  },
});
