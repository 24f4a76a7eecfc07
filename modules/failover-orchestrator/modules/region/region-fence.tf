# region-fence: called by this region's state machine to fence the OTHER region (serving flag false,
# trade-processor event source mapping disabled). Step Functions SDK integrations only reach their own
# region, hence a function with an explicit-region client. Outside the VPC: it calls another region's
# public APIs, which no local VPC endpoint serves (docs/decisions/002-functions-and-the-vpc.md).
resource "aws_cloudwatch_log_group" "region_fence" {
  name              = "/aws/lambda/${var.region_fence.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_lambda_function" "region_fence" {
  function_name                  = var.region_fence.function_name
  description                    = "Fences ${var.peer_region} for a recovery into ${var.region}."
  role                           = var.region_fence.role_arn
  filename                       = var.region_fence.zip
  source_code_hash               = filebase64sha256(var.region_fence.zip)
  runtime                        = local.function_runtime.runtime
  architectures                  = local.function_runtime.architectures
  handler                        = local.function_runtime.handler
  memory_size                    = 256
  timeout                        = 30
  reserved_concurrent_executions = 2
  kms_key_arn                    = var.kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = "region-fence"
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PEER_REGION                  = var.peer_region
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.region_fence.name
  }

  # The role's policy (in the orchestrator: IAM is global) must exist before the function runs.
  depends_on = [var.region_fence_role_policy_id]
}
