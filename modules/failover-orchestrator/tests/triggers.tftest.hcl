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
      length(aws_lambda_function.primary_probe) == 0 && length(aws_cloudwatch_metric_alarm.primary_unreachable) == 0 &&
      length(aws_cloudwatch_event_rule.primary_unreachable) == 0 && length(aws_cloudwatch_event_rule.probe_schedule) == 0 &&
      output.auto_failover == null
    )
    error_message = "with auto_failover_enabled false there is no probe, alarm or trigger rule"
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
      aws_lambda_function.primary_probe[0].environment[0].variables.PRIMARY_HEALTH_URL == "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1/health" &&
      aws_lambda_function.primary_probe[0].runtime == "nodejs22.x" && aws_lambda_function.primary_probe[0].tracing_config[0].mode == "Active"
    )
    error_message = "the probe runs in the secondary against the primary's regional /health"
  }

  assert {
    condition     = output.auto_failover.region == "us-east-2" && output.auto_failover.alarm_name == "trading-dev-primary-unreachable"
    error_message = "the auto_failover output names the secondary's trigger"
  }
}
