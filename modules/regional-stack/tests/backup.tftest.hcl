# Immutable database backups (threat 6): this region's Aurora member is backed up daily into a vault
# under Vault Lock (governance in dev and staging, compliance in prod), and a job that does not
# complete alarms.
mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_iam_role.backup
  values = { arn = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-backup" }
}

run "dev_backs_up_its_cluster_into_a_governance_locked_vault" {
  command = apply

  assert {
    condition     = aws_backup_vault.this.name == "trading-dev-us-east-1" && aws_backup_vault.this.kms_key_arn == var.kms_key_arns.database
    error_message = "one vault per region, encrypted with the region's database key"
  }

  assert {
    condition     = aws_backup_vault_lock_configuration.this.backup_vault_name == aws_backup_vault.this.name && aws_backup_vault_lock_configuration.this.changeable_for_days == null && aws_backup_vault_lock_configuration.this.min_retention_days == 7
    error_message = "dev's vault is locked in governance mode (no changeable_for_days) with a 7-day minimum retention"
  }

  assert {
    condition = (
      aws_backup_selection.aurora.resources == toset([aws_rds_cluster.this.arn])
      && aws_backup_selection.aurora.plan_id == aws_backup_plan.this.id
      && aws_backup_selection.aurora.iam_role_arn == "arn:aws:iam::111122223333:role/trading-dev-us-east-1-backup"
    )
    error_message = "the plan selects exactly this region's member cluster, backed up with the module's service role"
  }

  assert {
    condition = (
      one(aws_backup_plan.this.rule).target_vault_name == aws_backup_vault.this.name
      && one(aws_backup_plan.this.rule).schedule == "cron(0 5 ? * * *)"
      && one(one(aws_backup_plan.this.rule).lifecycle).delete_after == 35
    )
    error_message = "the plan backs up daily at 05:00 UTC into the locked vault and keeps 35 days"
  }

  assert {
    condition = (
      aws_iam_role_policy_attachment.backup.policy_arn == "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
      && aws_iam_role_policy_attachment.backup.role == aws_iam_role.backup.name
      && one(data.aws_iam_policy_document.backup_assume.statement).principals == toset([{ type = "Service", identifiers = toset(["backup.amazonaws.com"]) }])
    )
    error_message = "the service role is AWS Backup's, with AWSBackupServiceRolePolicyForBackup"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.backup_job_failed.event_pattern) == {
        source        = ["aws.backup"]
        "detail-type" = ["Backup Job State Change"]
        detail        = { state = ["FAILED", "ABORTED", "EXPIRED"], backupVaultName = ["trading-dev-us-east-1"] }
      }
      && aws_cloudwatch_event_target.backup_job_failed.arn == aws_sns_topic.alarms.arn
      && aws_cloudwatch_event_target.backup_job_failed.rule == aws_cloudwatch_event_rule.backup_job_failed.name
    )
    error_message = "a backup job of this vault that fails, is aborted or expires notifies the alarm topic"
  }
}

run "prod_locks_its_vault_in_compliance_mode" {
  command = plan

  variables {
    environment = "prod"
    backup      = { changeable_for_days = 7 }
  }

  assert {
    condition     = aws_backup_vault_lock_configuration.this.changeable_for_days == 7
    error_message = "prod's vault lock is in compliance mode: changeable_for_days is set and the lock becomes permanent after it"
  }
}

run "an_explicit_mode_wins_over_the_environment" {
  command = plan

  variables {
    environment = "staging"
    backup      = { vault_lock_mode = "COMPLIANCE" }
  }

  assert {
    condition     = aws_backup_vault_lock_configuration.this.changeable_for_days == 3
    error_message = "backup.vault_lock_mode = COMPLIANCE locks staging's vault in compliance mode with the default 3-day grace time"
  }
}

run "rejects_an_unknown_lock_mode" {
  command = plan

  variables {
    backup = { vault_lock_mode = "compliance-ish" }
  }

  expect_failures = [var.backup]
}

run "rejects_a_grace_time_below_three_days" {
  command = plan

  variables {
    backup = { vault_lock_mode = "COMPLIANCE", changeable_for_days = 1 }
  }

  expect_failures = [var.backup]
}

run "rejects_a_retention_below_the_lock_minimum" {
  command = plan

  variables {
    backup = { retention_days = 5, min_retention_days = 7 }
  }

  expect_failures = [var.backup]
}
