# Triggers: manual only by default; with auto_failover_enabled, the canary, its alarm and the rule that
# starts the secondary's state machine, all in the secondary region.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "manual_only_by_default" {
  command = plan

  assert {
    condition = (
      length(aws_cloudwatch_event_target.probe_schedule) == 0 && length(aws_cloudwatch_metric_alarm.primary_unreachable) == 0 &&
      length(aws_cloudwatch_event_rule.primary_unreachable) == 0 && length(aws_cloudwatch_event_rule.probe_schedule) == 0 &&
      output.auto_failover == null
    )
    error_message = "with auto_failover_enabled false there is no probe schedule, alarm or trigger rule"
  }

  assert {
    condition = (
      module.primary.peer_probe.environment.PRIMARY_HEALTH_URL == "https://f6g7h8i9j0.execute-api.us-east-2.amazonaws.com/v1/health" &&
      module.secondary.peer_probe.environment.PRIMARY_HEALTH_URL == "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1/health" &&
      module.primary.peer_probe.environment.ROUTE53_VIEW_NAME == "secondary-view.api.dev.trading.example.com" &&
      module.secondary.peer_probe.environment.ROUTE53_VIEW_NAME == "primary-view.api.dev.trading.example.com"
    )
    error_message = "each region has a probe of the OTHER region (its /health and Route 53's view of it) for the failover preflight, even without automatic failover"
  }
}

run "route53_view_of_the_secondary" {
  command = apply

  assert {
    condition = (
      aws_route53_record.secondary_view["primary"].health_check_id == aws_route53_health_check.regional["secondary"].id &&
      aws_route53_record.secondary_view["secondary"].health_check_id == null &&
      aws_route53_record.secondary_view["primary"].records == toset(["healthy"]) &&
      aws_route53_record.secondary_view["secondary"].records == toset(["unhealthy"])
    )
    error_message = "Route 53's view of the secondary: PRIMARY TXT healthy with the secondary's /health check, SECONDARY TXT unhealthy without a check"
  }
}

run "automatic_failover_when_enabled" {
  command = apply

  variables {
    auto_failover_enabled    = true
    probe_failure_datapoints = 4
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.primary_unreachable[0].evaluation_periods == 4 &&
      aws_cloudwatch_metric_alarm.primary_unreachable[0].datapoints_to_alarm == 4 &&
      aws_cloudwatch_metric_alarm.primary_unreachable[0].metric_name == "PrimaryHealthy" &&
      aws_cloudwatch_metric_alarm.primary_unreachable[0].treat_missing_data == "notBreaching" &&
      aws_cloudwatch_metric_alarm.primary_unreachable[0].period == 60
    )
    error_message = "the alarm fires only after N consecutive failed one-minute probes"
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.primary_unreachable[0].arn == module.secondary.state_machine_arn &&
      jsondecode(aws_cloudwatch_event_target.primary_unreachable[0].input).mode == "failover" &&
      jsondecode(aws_cloudwatch_event_target.primary_unreachable[0].input).targetRegion == "us-east-2" &&
      jsondecode(aws_cloudwatch_event_target.primary_unreachable[0].input).trigger == "alarm" &&
      !contains(keys(jsondecode(aws_cloudwatch_event_target.primary_unreachable[0].input)), "force") &&
      one(aws_cloudwatch_event_target.primary_unreachable[0].dead_letter_config).arn == module.secondary.events_dlq_arn
    )
    error_message = "the alarm starts the SECONDARY's state machine in failover mode targeting the secondary, dead-lettering in the secondary"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.primary_unreachable[0].event_pattern).detail.state.value == ["ALARM"] &&
      aws_cloudwatch_event_target.probe_schedule[0].rule == aws_cloudwatch_event_rule.probe_schedule[0].name &&
      aws_cloudwatch_event_rule.probe_schedule[0].schedule_expression == "rate(1 minute)"
    )
    error_message = "the trigger rule matches only the transition to ALARM, and the probe schedule has its target"
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.probe_schedule[0].arn == module.secondary.peer_probe_function_arn &&
      module.secondary.peer_probe.environment.PRIMARY_HEALTH_URL == "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1/health" &&
      module.secondary.peer_probe.runtime == "nodejs22.x" && module.secondary.peer_probe.tracing_mode == "Active"
    )
    error_message = "the probe runs in the secondary against the primary's regional /health"
  }

  assert {
    condition     = output.auto_failover.region == "us-east-2" && output.auto_failover.alarm_name == "trading-dev-primary-unreachable"
    error_message = "the auto_failover output names the secondary's trigger"
  }
}
