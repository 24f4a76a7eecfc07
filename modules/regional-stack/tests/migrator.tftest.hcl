# The database bootstrap at apply: the db-migrator function, its invocation, the write-only master
# password parameter it reads, and the IAM database users it creates for the other functions.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "primary_migrates_at_apply" {
  command = apply

  assert {
    condition = jsondecode(aws_lambda_invocation.db_migrator.input) == {
      apply            = true
      migrationsSha256 = sha256(join("", [filesha256("tests/fixtures/migrations/001_fixture.sql")]))
    }
    error_message = "the primary's invocation applies the migrations and carries the digest of the migrations directory"
  }

  assert {
    condition     = aws_lambda_invocation.db_migrator.function_name == "trading-dev-db-migrator" && aws_lambda_invocation.db_migrator.triggers.function_code == aws_lambda_function.db_migrator.source_code_hash
    error_message = "a new migrator bundle must run the migrator again"
  }

  assert {
    condition = aws_lambda_function.db_migrator.environment[0].variables == tomap({
      POWERTOOLS_SERVICE_NAME      = "db-migrator"
      POWERTOOLS_METRICS_NAMESPACE = "trading/dev"
      LOG_LEVEL                    = "INFO"
      NODE_EXTRA_CA_CERTS          = "/var/runtime/ca-cert.pem"
      DB_HOST                      = aws_rds_cluster.this.endpoint
      DB_PORT                      = "5432"
      DB_NAME                      = "trading"
      DB_MASTER_USER               = "trading_admin"
      DB_AUTH                      = "parameter"
      DB_MASTER_PASSWORD_PARAMETER = "/trading/dev/us-east-1/db-master-password"
      DB_SSL                       = "true"
      PROCESSOR_DB_USER            = "trade_processor"
      HEALTH_DB_USER               = "health_check"
    })
    error_message = "db-migrator environment differs from the contract (no password in it)"
  }

  assert {
    condition     = length(aws_lambda_function.db_migrator.vpc_config) == 1 && aws_lambda_function.db_migrator.vpc_config[0].security_group_ids == toset([aws_security_group.lambda.id]) && aws_lambda_function.db_migrator.reserved_concurrent_executions == 1
    error_message = "the migrator runs in the VPC behind the function security group, one run at a time"
  }

  assert {
    condition     = aws_ssm_parameter.db_master_password.type == "SecureString" && aws_ssm_parameter.db_master_password.key_id == var.kms_key_arns.data && aws_ssm_parameter.db_master_password.value_wo == null && aws_ssm_parameter.db_master_password.value_wo_version == 1
    error_message = "the master password is a write-only SecureString under this region's data key, versioned with the cluster's"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.db_migrator.statement : s.resources if contains(s.actions, "ssm:GetParameter")]) == toset([aws_ssm_parameter.db_master_password.arn])
    error_message = "the migrator reads only its password parameter"
  }

  assert {
    condition     = alltrue([for s in data.aws_iam_policy_document.db_migrator.statement : !contains(s.actions, "rds-db:connect")])
    error_message = "the migrator logs in as the master user, not as an IAM database user"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.health.statement : s.resources if contains(s.actions, "rds-db:connect")]) == toset(["arn:aws:rds-db:us-east-1:111122223333:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/health_check"])
    error_message = "the health check connects as its own user, not the processor's"
  }

  assert {
    condition     = output.db_user_names == { trade_processor = "trade_processor", health = "health_check" }
    error_message = "the database users are named in one place"
  }
}

run "secondary_keeps_the_password_and_skips" {
  # plan: the other region, with its own state.
  command   = plan
  state_key = "secondary"

  variables {
    role                  = "secondary"
    peer_region           = "us-east-1"
    primary_cluster_arn   = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition     = jsondecode(aws_lambda_invocation.db_migrator.input).apply == false
    error_message = "the secondary's migrator is invoked (the stacks stay symmetric) but must not apply: its cluster is a read-only member"
  }

  assert {
    condition     = aws_ssm_parameter.db_master_password.name == "/trading/dev/us-east-2/db-master-password" && aws_rds_cluster.this.master_password_wo_version == null
    error_message = "the secondary keeps the password for its migrator, while its cluster joins without credentials"
  }
}
