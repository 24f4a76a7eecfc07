# The functions. trade-processor, health and db-migrator (migrator.tf) run in the private subnets (they reach Aurora);
# failover-validator runs outside the VPC because it calls the peer region's APIs and the global
# Route 53 API, which no endpoint in this region serves (docs/decisions/002-functions-and-the-vpc.md).

locals {
  common_environment = {
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
    LOG_LEVEL                    = var.log_level
  }

  function_environment = {
    trade_processor = {
      POWERTOOLS_SERVICE_NAME = "trade-processor"
      # Node 20+ runtimes trust Amazon's CAs (the RDS chain) only when told to; DB_SSL verifies it.
      NODE_EXTRA_CA_CERTS = "/var/runtime/ca-cert.pem"
      DB_HOST             = aws_rds_cluster.this.endpoint
      DB_PORT             = tostring(local.db_port)
      DB_NAME             = var.global_cluster.database_name
      DB_USER             = local.db_users.trade_processor
      DB_AUTH             = "iam"
      DB_SSL              = "true"
      SESSIONS_TABLE      = var.sessions_table.name
      AUDIT_BUCKET        = var.audit_bucket.name
      SESSION_TTL_SECONDS = tostring(var.session_ttl_seconds)
      # Commits only while this region's serving flag (the local mirror of the authority) is "true"
      # and was written within its lease (each sync of an active region rewrites it).
      SERVING_PARAMETER     = aws_ssm_parameter.serving.name
      SERVING_LEASE_SECONDS = tostring(var.serving_lease_seconds)
      # An order older than this is rejected (kept under rejected/), never executed late.
      MAX_ORDER_AGE_SECONDS = tostring(var.max_order_age_seconds)
    }
    health = {
      POWERTOOLS_SERVICE_NAME = "health"
      SERVING_PARAMETER       = aws_ssm_parameter.serving.name
      SERVING_LEASE_SECONDS   = tostring(var.serving_lease_seconds)
      FLAG_CACHE_SECONDS      = tostring(var.health_check.flag_cache_seconds)
      NODE_EXTRA_CA_CERTS     = "/var/runtime/ca-cert.pem"
      DB_HOST                 = aws_rds_cluster.this.endpoint
      DB_PORT                 = tostring(local.db_port)
      DB_NAME                 = var.global_cluster.database_name
      DB_USER                 = local.db_users.health
      DB_AUTH                 = "iam"
      DB_SSL                  = "true"
      SESSIONS_TABLE          = var.sessions_table.name
      QUEUE_URL               = aws_sqs_queue.trade_orders.url
      PROBE_TIMEOUT_MS        = tostring(var.health_check.probe_timeout_ms)
    }
    failover_validator = {
      POWERTOOLS_SERVICE_NAME          = "failover-validator"
      GLOBAL_CLUSTER_ID                = var.global_cluster.id
      PEER_REGION                      = var.peer_region
      SESSIONS_TABLE                   = var.sessions_table.name
      CONFIG_BUCKET                    = var.config_bucket.name
      AUDIT_BUCKET                     = var.audit_bucket.name
      TRADE_PROCESSOR_FUNCTION         = local.function_names.trade_processor
      HEALTH_CHECK_IDS_PARAMETER       = local.health_check_ids_name
      RPO_LAG_THRESHOLD_SECONDS        = tostring(var.alarm_thresholds.rpo_lag_seconds)
      REPLICATION_LATENCY_THRESHOLD_MS = tostring(var.alarm_thresholds.replication_latency_threshold_ms)
    }
    db_migrator = {
      POWERTOOLS_SERVICE_NAME      = "db-migrator"
      NODE_EXTRA_CA_CERTS          = "/var/runtime/ca-cert.pem"
      DB_HOST                      = aws_rds_cluster.this.endpoint
      DB_PORT                      = tostring(local.db_port)
      DB_NAME                      = var.global_cluster.database_name
      DB_MASTER_USER               = var.database.master_username
      DB_AUTH                      = "parameter"
      DB_MASTER_PASSWORD_PARAMETER = aws_ssm_parameter.db_master_password.name
      DB_SSL                       = "true"
      PROCESSOR_DB_USER            = local.db_users.trade_processor
      HEALTH_DB_USER               = local.db_users.health
    }
  }
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.function_names

  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns.logs
}

resource "aws_lambda_function" "trade_processor" {
  function_name                  = local.function_names.trade_processor
  description                    = "Stores queued trade orders in this region's Aurora cluster, the sessions table and the audit bucket"
  role                           = aws_iam_role.trade_processor.arn
  filename                       = var.function_zips.trade_processor
  source_code_hash               = filebase64sha256(var.function_zips.trade_processor)
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  architectures                  = ["arm64"]
  memory_size                    = var.function_settings.trade_processor.memory_mb
  timeout                        = var.function_settings.trade_processor.timeout_seconds
  reserved_concurrent_executions = var.function_settings.trade_processor.reserved_concurrency
  kms_key_arn                    = var.kms_key_arns.data

  environment {
    variables = merge(local.common_environment, local.function_environment.trade_processor)
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
    log_group  = aws_cloudwatch_log_group.function["trade_processor"].name
  }

  depends_on = [aws_iam_role_policy.trade_processor]
}

resource "aws_lambda_function" "health" {
  function_name                  = local.function_names.health
  description                    = "GET /health: 200 only when this region's serving flag is true and its dependencies answer"
  role                           = aws_iam_role.health.arn
  filename                       = var.function_zips.health
  source_code_hash               = filebase64sha256(var.function_zips.health)
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  architectures                  = ["arm64"]
  memory_size                    = var.function_settings.health.memory_mb
  timeout                        = var.function_settings.health.timeout_seconds
  reserved_concurrent_executions = var.function_settings.health.reserved_concurrency
  kms_key_arn                    = var.kms_key_arns.data

  environment {
    variables = merge(local.common_environment, local.function_environment.health)
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
    log_group  = aws_cloudwatch_log_group.function["health"].name
  }

  depends_on = [aws_iam_role_policy.health]
}

resource "aws_lambda_function" "failover_validator" {
  function_name                  = local.function_names.failover_validator
  description                    = "Hourly and on-demand failover readiness report across both regions; publishes FailoverReady"
  role                           = aws_iam_role.failover_validator.arn
  filename                       = var.function_zips.failover_validator
  source_code_hash               = filebase64sha256(var.function_zips.failover_validator)
  handler                        = "index.handler"
  runtime                        = "nodejs22.x"
  architectures                  = ["arm64"]
  memory_size                    = var.function_settings.failover_validator.memory_mb
  timeout                        = var.function_settings.failover_validator.timeout_seconds
  reserved_concurrent_executions = var.function_settings.failover_validator.reserved_concurrency
  kms_key_arn                    = var.kms_key_arns.data

  environment {
    variables = merge(local.common_environment, local.function_environment.failover_validator)
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function["failover_validator"].name
  }

  depends_on = [aws_iam_role_policy.failover_validator]
}

resource "aws_lambda_event_source_mapping" "trade_processor" {
  event_source_arn                   = aws_sqs_queue.trade_orders.arn
  function_name                      = aws_lambda_function.trade_processor.arn
  batch_size                         = var.trade_queue.batch_size
  maximum_batching_window_in_seconds = var.trade_queue.maximum_batching_window_in_seconds
  function_response_types            = ["ReportBatchItemFailures"]
  # Enabled in both regions: the processor is the gate. It commits only while its region's serving
  # flag is active and its cluster is the writer; elsewhere it rejects stale orders and returns the
  # others until they are stale, so nothing strands in a region that is not active
  # (docs/decisions/004-one-authority-for-the-active-region.md).
  enabled = true

  # Never more pollers than the function may run, so messages are not throttled back to the queue.
  scaling_config {
    maximum_concurrency = min(var.function_settings.trade_processor.reserved_concurrency, 1000)
  }


  # No batch before the schema and the processor's database user exist.
  depends_on = [aws_lambda_invocation.db_migrator]
}

# --- Hourly readiness check -----------------------------------------------------------------------

resource "aws_cloudwatch_event_rule" "failover_validator" {
  name                = "${var.name_prefix}-failover-validator"
  description         = "Runs the failover validator every hour"
  schedule_expression = "rate(1 hour)"
}

resource "aws_cloudwatch_event_target" "failover_validator" {
  rule      = aws_cloudwatch_event_rule.failover_validator.name
  target_id = "failover-validator"
  arn       = aws_lambda_function.failover_validator.arn
}

resource "aws_lambda_permission" "failover_validator_schedule" {
  statement_id  = "AllowHourlySchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.failover_validator.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.failover_validator.arn
}

# --- Failure destinations of asynchronous invocations (CKV_AWS_116) -------------------------------

locals {
  # This stack's functions that are invoked asynchronously, so whose failures no caller sees: the
  # validator by its hourly EventBridge schedule (above). The others are invoked synchronously:
  # trade-processor by its SQS event source mapping, health by API Gateway's proxy integration,
  # db-migrator by Terraform (aws_lambda_invocation, RequestResponse); the orchestrator's state
  # machine calls the validator synchronously too. An event invoke config applies only to
  # asynchronous invocations:
  # https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
  async_functions = {
    failover_validator = aws_lambda_function.failover_validator.function_name
  }
}

resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = local.async_functions

  function_name = each.value
  # Lambda's own retries of a failed event (at most 2); a validator report older than an hour is
  # superseded by the next scheduled run, so it is not run late.
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.async_failures.arn
    }
  }

  # Lambda sends to the destination with the function's execution role and checks that the role may
  # when the configuration is put.
  depends_on = [aws_iam_role_policy.failover_validator]
}
