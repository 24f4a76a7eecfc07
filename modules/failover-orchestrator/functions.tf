# region-fence (one per region): called by this region's state machine to fence the OTHER region
# (serving flag false, trade-processor event source mapping disabled). Step Functions SDK integrations
# only reach their own region, hence a function with an explicit-region client. Outside the VPC: it
# calls another region's public APIs, which no local VPC endpoint serves (docs/decisions/002).
locals {
  function_runtime = {
    runtime       = "nodejs22.x"
    architectures = ["arm64"]
    handler       = "index.handler"
  }
}

resource "aws_cloudwatch_log_group" "region_fence_primary" {
  provider = aws.primary

  name              = "/aws/lambda/${local.region_fence_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.primary_kms_key_arn
}

resource "aws_cloudwatch_log_group" "region_fence_secondary" {
  provider = aws.secondary

  name              = "/aws/lambda/${local.region_fence_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.secondary_kms_key_arn
}

resource "aws_lambda_function" "region_fence_primary" {
  provider = aws.primary

  function_name                  = local.region_fence_name
  description                    = "Fences ${var.regions.secondary.region} for a recovery into ${var.regions.primary.region}."
  role                           = aws_iam_role.region_fence["primary"].arn
  filename                       = var.function_zips.region_fence
  source_code_hash               = filebase64sha256(var.function_zips.region_fence)
  runtime                        = local.function_runtime.runtime
  architectures                  = local.function_runtime.architectures
  handler                        = local.function_runtime.handler
  memory_size                    = 256
  timeout                        = 30
  reserved_concurrent_executions = 2
  kms_key_arn                    = var.primary_kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = "region-fence"
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PEER_REGION                  = var.regions.secondary.region
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.region_fence_primary.name
  }

  depends_on = [aws_iam_role_policy.region_fence]
}

resource "aws_lambda_function" "region_fence_secondary" {
  provider = aws.secondary

  function_name                  = local.region_fence_name
  description                    = "Fences ${var.regions.primary.region} for a recovery into ${var.regions.secondary.region}."
  role                           = aws_iam_role.region_fence["secondary"].arn
  filename                       = var.function_zips.region_fence
  source_code_hash               = filebase64sha256(var.function_zips.region_fence)
  runtime                        = local.function_runtime.runtime
  architectures                  = local.function_runtime.architectures
  handler                        = local.function_runtime.handler
  memory_size                    = 256
  timeout                        = 30
  reserved_concurrent_executions = 2
  kms_key_arn                    = var.secondary_kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = "region-fence"
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PEER_REGION                  = var.regions.primary.region
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.region_fence_secondary.name
  }

  depends_on = [aws_iam_role_policy.region_fence]
}

locals {
  region_fence_arns = {
    primary   = aws_lambda_function.region_fence_primary.arn
    secondary = aws_lambda_function.region_fence_secondary.arn
  }
  region_fence_log_group_arns = {
    primary   = aws_cloudwatch_log_group.region_fence_primary.arn
    secondary = aws_cloudwatch_log_group.region_fence_secondary.arn
  }
}

# primary-probe: the canary for automatic failover. It runs in the SECONDARY region only (it must
# survive the primary's loss) and exists only when auto_failover_enabled is true.
resource "aws_cloudwatch_log_group" "primary_probe" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  name              = "/aws/lambda/${local.primary_probe_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.secondary_kms_key_arn
}

resource "aws_lambda_function" "primary_probe" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  function_name                  = local.primary_probe_name
  description                    = "Probes ${var.regions.primary.region}'s /health from ${var.regions.secondary.region} every minute (PrimaryHealthy metric)."
  role                           = aws_iam_role.primary_probe[0].arn
  filename                       = var.function_zips.primary_probe
  source_code_hash               = filebase64sha256(var.function_zips.primary_probe)
  runtime                        = local.function_runtime.runtime
  architectures                  = local.function_runtime.architectures
  handler                        = local.function_runtime.handler
  memory_size                    = 256
  timeout                        = ceil(var.probe_timeout_ms / 1000) + 10
  reserved_concurrent_executions = 1
  kms_key_arn                    = var.secondary_kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = local.primary_probe_service
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PRIMARY_REGION               = var.regions.primary.region
      PRIMARY_HEALTH_URL           = "https://${var.regions.primary.api_execute_hostname}/${var.regions.primary.api_stage_name}/health"
      PRIMARY_SERVING_PARAMETER    = var.regions.primary.serving_parameter_name
      PROBE_TIMEOUT_MS             = tostring(var.probe_timeout_ms)
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.primary_probe[0].name
  }

  depends_on = [aws_iam_role_policy.primary_probe]
}
