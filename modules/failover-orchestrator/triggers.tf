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
    # An alarm start can never be forced: the state machine refuses force with trigger "alarm", and
    # refuses the failover while the primary is seen healthy or its health cannot be told (decision 009).
    trigger = "alarm"
    reason  = "automatic: ${local.regions.primary} /health failed from ${local.regions.secondary} for ${var.probe_failure_datapoints} consecutive minutes (alarm ${local.primary_unreachable_alarm_name})"
  })
  primary_unreachable_alarm_name = "${var.name_prefix}-primary-unreachable"
}

# primary-probe: the canary for automatic failover is the secondary's copy (modules/region, peer-probe.tf),
# which exists in both regions for the state machine's preflight; only the schedule, the alarm and the
# trigger live here, in the secondary, when auto_failover_enabled is true.
moved {
  from = aws_lambda_function.primary_probe[0]
  to   = module.secondary.aws_lambda_function.peer_probe
}

moved {
  from = aws_cloudwatch_log_group.primary_probe[0]
  to   = module.secondary.aws_cloudwatch_log_group.peer_probe
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
  arn  = module.secondary.peer_probe_function_arn
}

resource "aws_lambda_permission" "probe_schedule" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.secondary

  statement_id  = "AllowProbeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = module.secondary.peer_probe_function_name
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
