# Behaviour of the orchestrator with mock providers: DNS failover, one state machine per region,
# event rules with targets, and the automatic trigger only when enabled.
mock_provider "aws" {
  alias = "primary"

  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::111122223333:role/mock" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-region-fence" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-1:111122223333:trading-dev-operations" }
  }
  mock_resource "aws_sfn_state_machine" {
    defaults = { arn = "arn:aws:states:us-east-1:111122223333:stateMachine:trading-dev-failover" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:111122223333:log-group:mock" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:us-east-1:111122223333:mock" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:us-east-1:111122223333:rule/mock" }
  }
  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000001"
      domain_validation_options = [{
        domain_name           = "api.dev.trading.example.com"
        resource_record_name  = "_x1.api.dev.trading.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_x2.acm-validations.aws."
      }]
    }
  }
  mock_resource "aws_acm_certificate_validation" {
    defaults = { certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000001" }
  }
  mock_resource "aws_api_gateway_domain_name" {
    defaults = { regional_domain_name = "d-primary.execute-api.us-east-1.amazonaws.com", regional_zone_id = "Z1UJRXOUMOOFQ8" }
  }
}

mock_provider "aws" {
  alias = "secondary"

  mock_data "aws_region" {
    defaults = { name = "us-east-2" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:us-east-2:111122223333:function:trading-dev-region-fence" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-2:111122223333:trading-dev-operations" }
  }
  mock_resource "aws_sfn_state_machine" {
    defaults = { arn = "arn:aws:states:us-east-2:111122223333:stateMachine:trading-dev-failover" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-2:111122223333:log-group:mock" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:us-east-2:111122223333:mock" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:us-east-2:111122223333:rule/mock" }
  }
  mock_resource "aws_cloudwatch_metric_alarm" {
    defaults = { arn = "arn:aws:cloudwatch:us-east-2:111122223333:alarm:trading-dev-primary-unreachable" }
  }
  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:us-east-2:111122223333:certificate/00000000-0000-0000-0000-000000000002"
      domain_validation_options = [{
        domain_name           = "api.dev.trading.example.com"
        resource_record_name  = "_x1.api.dev.trading.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_x2.acm-validations.aws."
      }]
    }
  }
  mock_resource "aws_acm_certificate_validation" {
    defaults = { certificate_arn = "arn:aws:acm:us-east-2:111122223333:certificate/00000000-0000-0000-0000-000000000002" }
  }
  mock_resource "aws_api_gateway_domain_name" {
    defaults = { regional_domain_name = "d-secondary.execute-api.us-east-2.amazonaws.com", regional_zone_id = "ZOJJZC49E0EPZ" }
  }
}

variables {
  name_prefix = "trading-dev"
  environment = "dev"
  zone_name   = "dev.trading.example.com"
  ssm_prefix  = "/trading/dev"
  regions = {
    primary = {
      region                        = "us-east-1"
      api_id                        = "a1b2c3d4e5"
      api_stage_name                = "v1"
      api_execute_hostname          = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
      cluster_arn                   = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
      cluster_id                    = "trading-dev-us-east-1"
      trade_processor_function_name = "trading-dev-trade-processor"
      trade_processor_esm_uuid      = "11111111-1111-1111-1111-111111111111"
      validator_function_arn        = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-failover-validator"
      serving_parameter_name        = "/trading/dev/us-east-1/serving"
      serving_parameter_arn         = "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/serving"
    }
    secondary = {
      region                        = "us-east-2"
      api_id                        = "f6g7h8i9j0"
      api_stage_name                = "v1"
      api_execute_hostname          = "f6g7h8i9j0.execute-api.us-east-2.amazonaws.com"
      cluster_arn                   = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
      cluster_id                    = "trading-dev-us-east-2"
      trade_processor_function_name = "trading-dev-trade-processor"
      trade_processor_esm_uuid      = "22222222-2222-2222-2222-222222222222"
      validator_function_arn        = "arn:aws:lambda:us-east-2:111122223333:function:trading-dev-failover-validator"
      serving_parameter_name        = "/trading/dev/us-east-2/serving"
      serving_parameter_arn         = "arn:aws:ssm:us-east-2:111122223333:parameter/trading/dev/us-east-2/serving"
    }
  }
  global_cluster = {
    id  = "trading-dev"
    arn = "arn:aws:rds::111122223333:global-cluster:trading-dev"
  }
  primary_kms_key_arn   = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000003"
  secondary_kms_key_arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000003"
  function_zips = {
    region_fence  = "tests/fixtures/function.zip"
    primary_probe = "tests/fixtures/function.zip"
  }
  metrics_namespace = "trading/dev"
}

run "health_checks_probe_each_regional_endpoint_every_10_seconds" {
  command = plan

  assert {
    condition     = length(aws_route53_health_check.regional) == 2
    error_message = "one health check per region"
  }

  assert {
    condition = alltrue([
      for k, hc in aws_route53_health_check.regional :
      hc.type == "HTTPS" && hc.port == 443 && hc.request_interval == 10 && hc.failure_threshold == 3 && hc.measure_latency
    ])
    error_message = "health checks must be HTTPS on 443, every 10 s, threshold 3 by default, measuring latency"
  }

  assert {
    condition = (
      aws_route53_health_check.regional["primary"].fqdn == "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com" &&
      aws_route53_health_check.regional["secondary"].fqdn == "f6g7h8i9j0.execute-api.us-east-2.amazonaws.com" &&
      aws_route53_health_check.regional["primary"].resource_path == "/v1/health"
    )
    error_message = "each health check must probe its own region's execute-api hostname at /<stage>/health, never the failover name"
  }
}

run "failover_records_pair_a_health_check_with_each_regional_domain" {
  command = apply

  assert {
    condition = (
      one(aws_route53_record.api["primary"].failover_routing_policy).type == "PRIMARY" &&
      one(aws_route53_record.api["secondary"].failover_routing_policy).type == "SECONDARY"
    )
    error_message = "one PRIMARY and one SECONDARY failover record"
  }

  assert {
    condition = alltrue([
      for k, r in aws_route53_record.api :
      r.name == "api.dev.trading.example.com" && r.type == "A" && r.health_check_id == aws_route53_health_check.regional[k].id
    ])
    error_message = "each failover record must be an A record for the API name carrying its own region's health check"
  }

  assert {
    condition = (
      one(aws_route53_record.api["primary"].alias).name == "d-primary.execute-api.us-east-1.amazonaws.com" &&
      one(aws_route53_record.api["secondary"].alias).name == "d-secondary.execute-api.us-east-2.amazonaws.com" &&
      one(aws_route53_record.api["secondary"].alias).zone_id == "ZOJJZC49E0EPZ"
    )
    error_message = "each failover record must alias its own region's custom domain"
  }

  assert {
    condition = (
      aws_api_gateway_domain_name.primary.security_policy == "TLS_1_2" &&
      one(aws_api_gateway_domain_name.secondary.endpoint_configuration).types == tolist(["REGIONAL"]) &&
      aws_api_gateway_base_path_mapping.secondary.api_id == "f6g7h8i9j0"
    )
    error_message = "regional custom domains with TLS 1.2, mapped to their own region's API"
  }

  assert {
    condition     = jsondecode(aws_ssm_parameter.health_check_ids_secondary.value)["us-east-1"] == aws_route53_health_check.regional["primary"].id
    error_message = "the health-check-ids parameter must map region names to health check IDs"
  }
}

run "a_state_machine_in_every_region_with_logging_and_tracing" {
  command = apply

  assert {
    condition = alltrue([
      for sm in [aws_sfn_state_machine.primary, aws_sfn_state_machine.secondary] :
      one(sm.logging_configuration).include_execution_data && one(sm.logging_configuration).level == "ALL" && one(sm.tracing_configuration).enabled
    ])
    error_message = "both state machines must log ALL with execution data and trace with X-Ray"
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.primary.definition).States.Failover.Parameters.TargetDbClusterIdentifier == "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1" &&
      jsondecode(aws_sfn_state_machine.secondary.definition).States.Failover.Parameters.TargetDbClusterIdentifier == "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2" &&
      jsondecode(aws_sfn_state_machine.secondary.definition).States.Failover.Parameters.GlobalClusterIdentifier == "trading-dev"
    )
    error_message = "each state machine must promote its own region's cluster ARN within the global cluster"
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.secondary.definition).States.FenceOldRegion.Parameters.Payload.region == "us-east-1" &&
      jsondecode(aws_sfn_state_machine.secondary.definition).States.NotifyFailure.Parameters.TopicArn == aws_sns_topic.operations_secondary.arn
    )
    error_message = "the secondary's state machine must fence the primary and notify its own region's topic"
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.primary.definition).TimeoutSeconds == output.rto_parameters.execution_timeout_seconds
    error_message = "the execution timeout in the definition must be the one declared in rto_parameters"
  }
}

run "every_event_rule_has_a_target" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_event_target.forward_primary.rule == aws_cloudwatch_event_rule.forward_primary.name &&
      aws_cloudwatch_event_target.forward_secondary.rule == aws_cloudwatch_event_rule.forward_secondary.name
    )
    error_message = "each forwarding rule needs its target"
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.forward_primary.arn == "arn:aws:events:us-east-2:111122223333:event-bus/default" &&
      aws_cloudwatch_event_target.forward_secondary.arn == "arn:aws:events:us-east-1:111122223333:event-bus/default"
    )
    error_message = "each region forwards to the OTHER region's default bus"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.forward_primary.event_pattern).source == ["trading.platform"] &&
      jsondecode(aws_cloudwatch_event_rule.forward_primary.event_pattern).region == ["us-east-1"]
    )
    error_message = "forward only trading.platform events raised in this region, so forwarded events do not bounce back"
  }
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
      aws_cloudwatch_metric_alarm.primary_unreachable[0].treat_missing_data == "notBreaching"
    )
    error_message = "the alarm fires only after N consecutive failed probes"
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.primary_unreachable[0].arn == aws_sfn_state_machine.secondary.arn &&
      jsondecode(aws_cloudwatch_event_target.primary_unreachable[0].input).mode == "failover" &&
      jsondecode(aws_cloudwatch_event_target.primary_unreachable[0].input).targetRegion == "us-east-2"
    )
    error_message = "the alarm starts the SECONDARY's state machine in failover mode targeting the secondary"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.primary_unreachable[0].event_pattern).detail.state.value == ["ALARM"] &&
      aws_cloudwatch_event_target.probe_schedule[0].rule == aws_cloudwatch_event_rule.probe_schedule[0].name
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
}

run "each_region_encrypts_with_its_own_key" {
  command = plan

  variables {
    auto_failover_enabled = true
  }

  assert {
    condition = alltrue([
      for key in [
        aws_cloudwatch_log_group.state_machine_primary.kms_key_id, aws_cloudwatch_log_group.region_fence_primary.kms_key_id,
        aws_lambda_function.region_fence_primary.kms_key_arn, aws_sns_topic.operations_primary.kms_master_key_id,
        aws_sqs_queue.events_dlq_primary.kms_master_key_id,
      ] : key == var.primary_kms_key_arn
    ])
    error_message = "every encrypted resource in the primary region must use primary_kms_key_arn"
  }

  assert {
    condition = alltrue([
      for key in [
        aws_cloudwatch_log_group.state_machine_secondary.kms_key_id, aws_cloudwatch_log_group.region_fence_secondary.kms_key_id,
        aws_lambda_function.region_fence_secondary.kms_key_arn, aws_sns_topic.operations_secondary.kms_master_key_id,
        aws_sqs_queue.events_dlq_secondary.kms_master_key_id, aws_cloudwatch_log_group.primary_probe[0].kms_key_id,
        aws_lambda_function.primary_probe[0].kms_key_arn,
      ] : key == var.secondary_kms_key_arn
    ])
    error_message = "every encrypted resource in the secondary region (the probe included) must use secondary_kms_key_arn"
  }
}

run "approval_is_rendered_from_the_input" {
  command = apply

  variables {
    require_approval         = false
    approval_timeout_seconds = 900
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.primary.definition).States.Configure.Result.requireApproval == false &&
      jsondecode(aws_sfn_state_machine.primary.definition).States.RequestApproval.TimeoutSeconds == 900
    )
    error_message = "require_approval and approval_timeout_seconds must reach the definition"
  }

  assert {
    condition     = output.rto_parameters.execution_timeout_seconds < 3600
    error_message = "without approval the execution timeout must not include the approval wait"
  }
}

run "creates_the_zone_when_none_is_given" {
  command = plan

  assert {
    condition     = length(aws_route53_zone.this) == 1 && aws_route53_zone.this[0].name == "dev.trading.example.com"
    error_message = "the module must create the hosted zone when hosted_zone_id is null"
  }
}

run "uses_an_existing_zone" {
  command = plan

  variables {
    hosted_zone_id = "Z0123456789ABCDEFGHIJ"
  }

  assert {
    condition     = length(aws_route53_zone.this) == 0 && output.hosted_zone_id == "Z0123456789ABCDEFGHIJ" && aws_route53_record.api["primary"].zone_id == "Z0123456789ABCDEFGHIJ"
    error_message = "an existing zone id must be used as is, with no zone created"
  }
}

# --- Validation: every bad input is refused with its own message ------------------------------------

run "rejects_bad_zone_name" {
  command = plan
  variables {
    zone_name = "Not A Zone"
  }
  expect_failures = [var.zone_name]
}

run "rejects_bad_hosted_zone_id" {
  command = plan
  variables {
    hosted_zone_id = "not-a-zone-id"
  }
  expect_failures = [var.hosted_zone_id]
}

run "rejects_failure_threshold_0" {
  command = plan
  variables {
    health_check_failure_threshold = 0
  }
  expect_failures = [var.health_check_failure_threshold]
}

run "rejects_failure_threshold_11" {
  command = plan
  variables {
    health_check_failure_threshold = 11
  }
  expect_failures = [var.health_check_failure_threshold]
}

run "rejects_fractional_failure_threshold" {
  command = plan
  variables {
    health_check_failure_threshold = 2.5
  }
  expect_failures = [var.health_check_failure_threshold]
}

run "rejects_a_single_probe_as_sustained_outage" {
  command = plan
  variables {
    probe_failure_datapoints = 1
  }
  expect_failures = [var.probe_failure_datapoints]
}

run "rejects_poll_bound_shorter_than_a_promotion" {
  command = plan
  variables {
    poll_interval_seconds = 10
    max_poll_attempts     = 5
  }
  expect_failures = [var.max_poll_attempts]
}

run "rejects_poll_interval_out_of_range" {
  command = plan
  variables {
    poll_interval_seconds = 1
  }
  expect_failures = [var.poll_interval_seconds]
}

run "rejects_approval_timeout_out_of_range" {
  command = plan
  variables {
    approval_timeout_seconds = 30
  }
  expect_failures = [var.approval_timeout_seconds]
}

run "rejects_probe_timeout_out_of_range" {
  command = plan
  variables {
    probe_timeout_ms = 100
  }
  expect_failures = [var.probe_timeout_ms]
}

run "rejects_unknown_log_retention" {
  command = plan
  variables {
    log_retention_days = 42
  }
  expect_failures = [var.log_retention_days]
}

run "rejects_missing_function_zip" {
  command = plan
  variables {
    function_zips = {
      region_fence  = "tests/fixtures/function.zip"
      primary_probe = "build/functions/does-not-exist.zip"
    }
  }
  expect_failures = [var.function_zips]
}

run "rejects_bad_api_subdomain" {
  command = plan
  variables {
    api_subdomain = "api.v1"
  }
  expect_failures = [var.api_subdomain]
}

run "rejects_bad_ssm_prefix" {
  command = plan
  variables {
    ssm_prefix = "trading/dev/"
  }
  expect_failures = [var.ssm_prefix]
}

run "rejects_aws_metrics_namespace" {
  command = plan
  variables {
    metrics_namespace = "AWS/Trading"
  }
  expect_failures = [var.metrics_namespace]
}

run "rejects_regional_arn_as_global_cluster" {
  command = plan
  variables {
    global_cluster = {
      id  = "trading-dev"
      arn = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    }
  }
  expect_failures = [var.global_cluster]
}

run "rejects_a_key_alias_instead_of_a_key_arn" {
  command = plan
  variables {
    primary_kms_key_arn = "alias/logs"
  }
  expect_failures = [var.primary_kms_key_arn]
}

run "rejects_the_primary_key_for_the_secondary_region" {
  command = plan
  variables {
    secondary_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000003"
  }
  expect_failures = [var.secondary_kms_key_arn]
}

run "rejects_the_secondary_key_for_the_primary_region" {
  command = plan
  variables {
    primary_kms_key_arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000003"
  }
  expect_failures = [var.primary_kms_key_arn]
}

run "rejects_the_same_region_twice" {
  command = plan
  variables {
    regions = {
      primary = {
        region                        = "us-east-1"
        api_id                        = "a1b2c3d4e5"
        api_stage_name                = "v1"
        api_execute_hostname          = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
        cluster_arn                   = "arn:aws:rds:us-east-1:111122223333:cluster:a"
        cluster_id                    = "a"
        trade_processor_function_name = "trading-dev-trade-processor"
        trade_processor_esm_uuid      = "11111111-1111-1111-1111-111111111111"
        validator_function_arn        = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-failover-validator"
        serving_parameter_name        = "/trading/dev/us-east-1/serving"
        serving_parameter_arn         = "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/serving"
      }
      secondary = {
        region                        = "us-east-1"
        api_id                        = "f6g7h8i9j0"
        api_stage_name                = "v1"
        api_execute_hostname          = "f6g7h8i9j0.execute-api.us-east-1.amazonaws.com"
        cluster_arn                   = "arn:aws:rds:us-east-1:111122223333:cluster:b"
        cluster_id                    = "b"
        trade_processor_function_name = "trading-dev-trade-processor"
        trade_processor_esm_uuid      = "22222222-2222-2222-2222-222222222222"
        validator_function_arn        = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-failover-validator"
        serving_parameter_name        = "/trading/dev/us-east-1/serving"
        serving_parameter_arn         = "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/serving"
      }
    }
  }
  expect_failures = [var.regions]
}

run "rejects_a_cluster_identifier_instead_of_an_arn" {
  command = plan
  variables {
    regions = {
      primary = {
        region                        = "us-east-1"
        api_id                        = "a1b2c3d4e5"
        api_stage_name                = "v1"
        api_execute_hostname          = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
        cluster_arn                   = "trading-dev-us-east-1"
        cluster_id                    = "trading-dev-us-east-1"
        trade_processor_function_name = "trading-dev-trade-processor"
        trade_processor_esm_uuid      = "11111111-1111-1111-1111-111111111111"
        validator_function_arn        = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-failover-validator"
        serving_parameter_name        = "/trading/dev/us-east-1/serving"
        serving_parameter_arn         = "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/serving"
      }
      secondary = {
        region                        = "us-east-2"
        api_id                        = "f6g7h8i9j0"
        api_stage_name                = "v1"
        api_execute_hostname          = "somewhere-else.example.com"
        cluster_arn                   = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
        cluster_id                    = "trading-dev-us-east-2"
        trade_processor_function_name = "trading-dev-trade-processor"
        trade_processor_esm_uuid      = "22222222-2222-2222-2222-222222222222"
        validator_function_arn        = "arn:aws:lambda:us-east-2:111122223333:function:trading-dev-failover-validator"
        serving_parameter_name        = "/trading/dev/us-east-2/serving"
        serving_parameter_arn         = "arn:aws:ssm:us-east-2:111122223333:parameter/trading/dev/us-east-2/serving"
      }
    }
  }
  # Two validations fail here: the cluster identifier is not an ARN and the hostname is not execute-api.
  expect_failures = [var.regions]
}
