# Enhanced Monitoring on every Aurora instance (CKV_AWS_118), with a role only RDS can assume, for this
# account's and region's instances, carrying AWS's managed policy.
mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_iam_role.rds_monitoring
  values = { arn = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-rds-monitoring" }
}

run "every_instance_reports_os_metrics_every_minute_through_the_monitoring_role" {
  command = apply

  variables {
    database = { instance_count = 2 }
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) == 2 && alltrue([for i in aws_rds_cluster_instance.this : i.monitoring_interval == 60 && i.monitoring_role_arn == "arn:aws:iam::111122223333:role/trading-dev-us-east-1-rds-monitoring"])
    error_message = "each instance needs Enhanced Monitoring at 60 s through the module's monitoring role"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.rds_monitoring_assume.statement : st
      if st.actions == toset(["sts:AssumeRole"])
      && st.principals == toset([{ type = "Service", identifiers = toset(["monitoring.rds.amazonaws.com"]) }])
      && st.condition == toset([
        { test = "StringEquals", variable = "aws:SourceAccount", values = tolist(["111122223333"]) },
        { test = "ArnLike", variable = "aws:SourceArn", values = tolist(["arn:aws:rds:us-east-1:111122223333:db:*"]) },
      ])
    ]) == 1 && aws_iam_role.rds_monitoring.assume_role_policy == data.aws_iam_policy_document.rds_monitoring_assume.json
    error_message = "only monitoring.rds.amazonaws.com may assume the role, for DB instances of this account and region"
  }

  assert {
    condition     = aws_iam_role_policy_attachment.rds_monitoring.role == aws_iam_role.rds_monitoring.name && aws_iam_role_policy_attachment.rds_monitoring.policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
    error_message = "the role carries AWS's managed AmazonRDSEnhancedMonitoringRole policy"
  }
}

run "a_custom_interval_reaches_the_instances" {
  command = plan

  variables {
    database = { monitoring_interval_seconds = 15 }
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.monitoring_interval == 15])
    error_message = "database.monitoring_interval_seconds sets each instance's interval"
  }
}

run "rejects_turning_enhanced_monitoring_off" {
  command = plan

  variables {
    database = { monitoring_interval_seconds = 0 }
  }

  expect_failures = [var.database]
}

run "rejects_an_interval_rds_does_not_offer" {
  command = plan

  variables {
    database = { monitoring_interval_seconds = 20 }
  }

  expect_failures = [var.database]
}
