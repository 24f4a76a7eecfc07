# primary-probe in this region, probing the OTHER region from two vantage points (its own GET of the
# other region's /health; Route 53's health checkers through that region's view TXT records on the DNS
# data plane). This region's state machine invokes it ({"action": "assess"}) before a failover with
# AllowDataLoss and refuses one while the other region is seen healthy. In the secondary, when automatic
# failover is on, the orchestrator's schedule also runs it every minute for the primary-unreachable
# alarm (triggers.tf). Outside the VPC: it calls the other region's public endpoint and public DNS.
resource "aws_cloudwatch_log_group" "peer_probe" {
  name              = "/aws/lambda/${var.peer_probe.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_lambda_function" "peer_probe" {
  function_name    = var.peer_probe.function_name
  description      = "Probes ${var.peer_region}'s /health and Route 53's view of it, from ${var.region}: the preflight of a failover, and the automatic trigger's canary."
  role             = var.peer_probe.role_arn
  filename         = var.peer_probe.zip
  source_code_hash = filebase64sha256(var.peer_probe.zip)
  runtime          = local.function_runtime.runtime
  architectures    = local.function_runtime.architectures
  handler          = local.function_runtime.handler
  memory_size      = 256
  timeout          = ceil(var.peer_probe.timeout_ms / 1000) + 10
  # One at a time: a preflight that meets the per-minute canary running is throttled and retried
  # (AssessPeerHealth retries Lambda.TooManyRequestsException).
  reserved_concurrent_executions = 1
  kms_key_arn                    = var.kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = "primary-probe"
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PRIMARY_REGION               = var.peer_region
      PRIMARY_HEALTH_URL           = "https://${var.peer_probe.health_hostname}/${var.api_stages[var.peer_region].stage_name}/health"
      # Route 53's health checkers' view of the other region (the orchestrator's dns.tf), and the
      # authority: a region whose routing control is Off was demoted on purpose and is not an outage.
      ROUTE53_VIEW_NAME           = var.peer_probe.view_name
      PRIMARY_ROUTING_CONTROL_ARN = var.authority.routing_control_arns[var.peer_region]
      ARC_CLUSTER_ENDPOINTS       = jsonencode(var.authority.cluster_endpoints)
      PROBE_TIMEOUT_MS            = tostring(var.peer_probe.timeout_ms)
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.peer_probe.name
  }

  depends_on = [var.peer_probe_role_policy_id]
}
