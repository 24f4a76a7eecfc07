# Automatic failover (only when auto_failover_enabled): the canary in the SECONDARY region probes the
# primary's /health once a minute; probe_failure_datapoints consecutive failed minutes raise the alarm,
# and the alarm's transition to ALARM starts the secondary's state machine in failover mode. Nothing
# else starts a recovery: no Lambda error, latency or 5xx alarm is wired to the state machine.
# Manual start is always available (README.md, "Runbook": `make failover`).
locals {
  primary_probe_service = "primary-probe"
  auto_failover_input = jsonencode({
    mode         = "failover"
    targetRegion = local.regions.secondary
    reason       = "automatic: ${local.regions.primary} /health failed from ${local.regions.secondary} for ${var.probe_failure_datapoints} consecutive minutes (alarm ${local.primary_unreachable_alarm_name})"
  })
  primary_unreachable_alarm_name = "${var.name_prefix}-primary-unreachable"
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
  description                    = "Probes ${local.regions.primary}'s /health from ${local.regions.secondary} every minute (PrimaryHealthy metric)."
  role                           = aws_iam_role.primary_probe[0].arn
  filename                       = var.function_zips.primary_probe
  source_code_hash               = filebase64sha256(var.function_zips.primary_probe)
  runtime                        = "nodejs22.x" # as region-fence (modules/region)
  architectures                  = ["arm64"]
  handler                        = "index.handler"
  memory_size                    = 256
  timeout                        = ceil(var.probe_timeout_ms / 1000) + 10
  reserved_concurrent_executions = 1
  kms_key_arn                    = var.secondary_kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = local.primary_probe_service
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PRIMARY_REGION               = local.regions.primary
      PRIMARY_HEALTH_URL           = "https://${var.regional_stacks.primary.api_execute_hostname}/${var.regional_stacks.primary.api_stage_name}/health"
      # Route 53's health checkers' view of the primary (dns.tf, primary_view), and the authority: a
      # primary whose routing control is Off was demoted on purpose and is not an outage.
      ROUTE53_VIEW_NAME           = local.primary_view_name
      PRIMARY_ROUTING_CONTROL_ARN = local.routing_control_arns.primary
      ARC_CLUSTER_ENDPOINTS       = local.arc_cluster_endpoints_json
      PROBE_TIMEOUT_MS            = tostring(var.probe_timeout_ms)
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

resource "aws_cloudwatch_event_rule" "probe_schedule" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  name                = "${var.name_prefix}-primary-probe"
  description         = "Runs the primary-probe canary every minute."
  schedule_expression = "rate(1 minute)"

  lifecycle {
    precondition {
      # The alarm counts one datapoint per probe_interval; the schedule must run the probe as often.
      condition     = local.probe_interval_seconds == 60
      error_message = "rto-figures.json gives probe_interval ${local.probe_interval_seconds} s, but the probe schedule is rate(1 minute): change both together."
    }
  }
}

resource "aws_cloudwatch_event_target" "probe_schedule" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  rule = aws_cloudwatch_event_rule.probe_schedule[0].name
  arn  = aws_lambda_function.primary_probe[0].arn
}

resource "aws_lambda_permission" "probe_schedule" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  statement_id  = "AllowProbeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.primary_probe[0].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.probe_schedule[0].arn
}

# Missing data is not breaching: a probe that did not run says nothing about the primary, and a
# primary that was demoted on purpose publishes no PrimaryHealthy datapoint at all.
resource "aws_cloudwatch_metric_alarm" "primary_unreachable" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  alarm_name          = local.primary_unreachable_alarm_name
  alarm_description   = "${local.regions.primary} /health failed from ${local.regions.secondary} for ${var.probe_failure_datapoints} consecutive minutes: starts a failover into ${local.regions.secondary}."
  namespace           = var.metrics_namespace
  metric_name         = "PrimaryHealthy"
  dimensions          = { service = local.primary_probe_service }
  statistic           = "Maximum"
  period              = local.probe_interval_seconds
  evaluation_periods  = var.probe_failure_datapoints
  datapoints_to_alarm = var.probe_failure_datapoints
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [module.secondary.operations_topic_arn]
  ok_actions          = [module.secondary.operations_topic_arn]
}

resource "aws_cloudwatch_event_rule" "primary_unreachable" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  name        = "${var.name_prefix}-primary-unreachable"
  description = "Starts a failover into ${local.regions.secondary} when ${local.primary_unreachable_alarm_name} enters ALARM."
  event_pattern = jsonencode({
    source        = ["aws.cloudwatch"]
    "detail-type" = ["CloudWatch Alarm State Change"]
    resources     = [aws_cloudwatch_metric_alarm.primary_unreachable[0].arn]
    detail = {
      state = { value = ["ALARM"] }
    }
  })
}

resource "aws_cloudwatch_event_target" "primary_unreachable" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  rule     = aws_cloudwatch_event_rule.primary_unreachable[0].name
  arn      = module.secondary.state_machine_arn
  role_arn = aws_iam_role.failover_trigger[0].arn
  input    = local.auto_failover_input

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 10
  }

  dead_letter_config {
    arn = module.secondary.events_dlq_arn
  }
}
