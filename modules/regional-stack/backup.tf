# Immutable backups of this region's Aurora member (threat 6 of docs/threat-model.md): a daily AWS
# Backup of the cluster into a vault under Vault Lock, so a compromised processor, an insider or a
# mistake cannot delete the recovery points before their retention ends.
#
# Global database: each region backs up its own member cluster, selected by ARN. A switchover or a
# failover swaps the roles of the two clusters but not their ARNs, so whichever region is the writer
# is backed up, before and after a failover, without a change here. A secondary member holds the same
# storage a replication lag behind; AWS Backup of Aurora takes a cluster snapshot
# (https://docs.aws.amazon.com/aws-backup/latest/devguide/working-with-supported-services.html).
# Whether AWS Backup accepts a secondary member of a global database is not stated in the AWS
# documentation found for this change: the backup-job alarm below reports it on the first night if it
# does not, and the writer's backup still covers the ledger.
#
# Not covered: the recovery points of an Aurora cluster stay encrypted with the cluster's own key (the
# vault key encrypts only resources AWS Backup manages fully), so destroying the database key
# (threat 4) destroys them too; there is no copy to another account or region; Aurora's automated
# backups (point-in-time restore, backup_retention_days) are not locked; a principal with
# backup:DeleteBackupPlan can stop new backups, though not delete the locked ones.

locals {
  # Governance lets principals with backup:BypassBackupVaultLock / DeleteBackupVaultLockConfiguration
  # remove the lock (dev and staging); compliance cannot be removed by anyone once changeable_for_days
  # have passed (prod). The provider takes compliance mode as the presence of changeable_for_days.
  # https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
  backup_vault_lock_mode = coalesce(var.backup.vault_lock_mode, var.environment == "prod" ? "COMPLIANCE" : "GOVERNANCE")
  backup_vault_name      = "${var.name_prefix}-${local.region}"
}

resource "aws_backup_vault" "this" {
  name        = local.backup_vault_name
  kms_key_arn = var.kms_key_arns.database
}

resource "aws_backup_vault_lock_configuration" "this" {
  backup_vault_name   = aws_backup_vault.this.name
  min_retention_days  = var.backup.min_retention_days
  changeable_for_days = local.backup_vault_lock_mode == "COMPLIANCE" ? var.backup.changeable_for_days : null
}

resource "aws_backup_plan" "this" {
  name = "${var.name_prefix}-${local.region}-aurora"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.this.name
    # After the cluster's automated backup window (03:00-04:00 UTC, database.tf).
    schedule          = var.backup.schedule
    start_window      = 60
    completion_window = 360

    lifecycle {
      delete_after = var.backup.retention_days
    }

    recovery_point_tags = {
      cluster = local.cluster_identifier
    }
  }

  # Vault Lock refuses recovery points whose retention is shorter than its minimum.
  depends_on = [aws_backup_vault_lock_configuration.this]
}

resource "aws_backup_selection" "aurora" {
  name         = "aurora-member-cluster"
  plan_id      = aws_backup_plan.this.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = [aws_rds_cluster.this.arn]
}

# --- Service role ---------------------------------------------------------------------------------

data "aws_iam_policy_document" "backup_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "backup" {
  name               = "${local.role_prefix}-backup"
  description        = "AWS Backup of ${local.cluster_identifier} into ${local.backup_vault_name}"
  assume_role_policy = data.aws_iam_policy_document.backup_assume.json
}

# AWS's managed policy for backups (snapshots of RDS clusters among them); restores need
# AWSBackupServiceRolePolicyForRestores, attached by whoever restores.
resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

# --- A backup that did not complete ---------------------------------------------------------------

# AWS Backup reports every job's state to EventBridge (delivered by the service itself, no trail
# needed): https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html
resource "aws_cloudwatch_event_rule" "backup_job_failed" {
  name        = "${var.name_prefix}-backup-job-failed"
  description = "A backup job of ${local.backup_vault_name} failed, was aborted or expired"
  event_pattern = jsonencode({
    source        = ["aws.backup"]
    "detail-type" = ["Backup Job State Change"]
    detail = {
      state           = ["FAILED", "ABORTED", "EXPIRED"]
      backupVaultName = [local.backup_vault_name]
    }
  })
}

resource "aws_cloudwatch_event_target" "backup_job_failed" {
  rule      = aws_cloudwatch_event_rule.backup_job_failed.name
  target_id = "alarm-topic"
  arn       = aws_sns_topic.alarms.arn
}
