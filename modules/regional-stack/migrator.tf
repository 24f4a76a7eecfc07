# The database bootstrap at apply: the db-migrator function (functions/db-migrator) applies the
# schema migrations and creates the functions' IAM database users with exactly their privileges, in
# one transaction. Terraform invokes it once the cluster's instances are up, and again whenever the
# migrations or the function change. See docs/decisions/005-database-bootstrap.md.

locals {
  # The digest the function recomputes from the migrations it ships: it refuses to run when they
  # differ (a stale bundle). Files in name order, as fileset returns them.
  db_migrations_sha256 = sha256(join("", [for f in fileset(var.db_migrations_dir, "*.sql") : filesha256("${var.db_migrations_dir}/${f}")]))
}

# The master password for the migrator, write-only: Terraform sends it and stores neither it nor a
# hash of it. Both regions keep a copy so the region that is the writer after a failover can run its
# migrator. SecureString under this region's data key, whose policy admits SSM (modules/global-data).
resource "aws_ssm_parameter" "db_master_password" {
  name             = "${var.ssm_prefix}/${local.region}/db-master-password"
  description      = "Aurora master password of ${local.cluster_identifier}'s global database, read by the db-migrator at run time"
  type             = "SecureString"
  key_id           = var.kms_key_arns.data
  value_wo         = var.db_master_password
  value_wo_version = var.database.master_password_version
}

resource "aws_lambda_function" "db_migrator" {
  function_name    = local.function_names.db_migrator
  description      = "Applies the schema migrations and the functions' database users at apply (invoked by Terraform)"
  role             = aws_iam_role.db_migrator.arn
  filename         = var.function_zips.db_migrator
  source_code_hash = filebase64sha256(var.function_zips.db_migrator)
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  architectures    = ["arm64"]
  memory_size      = 256
  # The run's statement timeout (STATEMENT_TIMEOUT_MS, 240 s) ends it before Lambda does.
  timeout = 300
  # One run at a time; the advisory lock serialises runs as well.
  reserved_concurrent_executions = 1
  kms_key_arn                    = var.kms_key_arns.data

  environment {
    variables = merge(local.common_environment, local.function_environment.db_migrator)
  }

  vpc_config {
    subnet_ids         = [for s in aws_subnet.private : s.id]
    security_group_ids = [aws_security_group.lambda.id]
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function["db_migrator"].name
  }

  depends_on = [aws_iam_role_policy.db_migrator]
}

# Runs at apply. In the region that starts as the secondary, `apply` is false and the function
# returns without connecting: that cluster is a read-only member of the same global database. An
# error in the function (a failed migration, a wrong password) is a FunctionError and fails the
# apply; the migrator rolled its transaction back.
resource "aws_lambda_invocation" "db_migrator" {
  function_name = aws_lambda_function.db_migrator.function_name
  input = jsonencode({
    apply            = local.is_primary
    migrationsSha256 = local.db_migrations_sha256
  })

  # A new bundle (new grants, a fixed bug) runs the migrator again too; a changed migration changes
  # the input.
  triggers = {
    function_code = aws_lambda_function.db_migrator.source_code_hash
  }

  depends_on = [
    # The cluster accepts connections once it has an instance (count >= 1 is validated).
    aws_rds_cluster_instance.this,
    aws_ssm_parameter.db_master_password,
    # The in-VPC function reaches SSM through the interface endpoint.
    aws_vpc_endpoint.interface,
    aws_vpc_security_group_egress_rule.lambda_to_database,
    aws_vpc_security_group_egress_rule.lambda_to_endpoints,
    aws_vpc_security_group_ingress_rule.database_from_lambda,
    aws_vpc_security_group_ingress_rule.endpoints_from_lambda,
  ]
}
