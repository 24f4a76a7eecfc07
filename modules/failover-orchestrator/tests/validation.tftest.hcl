# Validation: every bad input is refused with its own message, the orchestrator's and those of
# modules/region (runs with a module block).
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

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
    regional_stacks = {
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
        trade_queue_arn               = "arn:aws:sqs:us-east-1:111122223333:trading-dev-trade-orders"
        trade_queue_url               = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders"
        serving_lease_seconds         = 150
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
        trade_queue_arn               = "arn:aws:sqs:us-east-1:111122223333:trading-dev-trade-orders"
        trade_queue_url               = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders"
        serving_lease_seconds         = 150
      }
    }
  }
  expect_failures = [var.regional_stacks]
}

run "rejects_a_cluster_identifier_instead_of_an_arn" {
  command = plan
  variables {
    regional_stacks = {
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
        trade_queue_arn               = "arn:aws:sqs:us-east-1:111122223333:trading-dev-trade-orders"
        trade_queue_url               = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders"
        serving_lease_seconds         = 150
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
        trade_queue_arn               = "arn:aws:sqs:us-east-2:111122223333:trading-dev-trade-orders"
        trade_queue_url               = "https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-trade-orders"
        serving_lease_seconds         = 150
      }
    }
  }
  # Two validations fail here: the cluster identifier is not an ARN and the hostname is not execute-api.
  expect_failures = [var.regional_stacks]
}

# --- modules/region -----------------------------------------------------------------------------------

run "region_rejects_its_own_region_as_peer" {
  command = plan
  module {
    source = "./modules/region"
  }
  providers = {
    aws = aws.primary
  }
  variables {
    peer_region = "us-east-1"
  }
  expect_failures = [var.peer_region]
}

run "region_rejects_the_other_regions_key" {
  command = plan
  module {
    source = "./modules/region"
  }
  providers = {
    aws = aws.primary
  }
  variables {
    kms_key_arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000003"
  }
  expect_failures = [var.kms_key_arn]
}

run "region_rejects_forwarding_to_its_own_bus" {
  command = plan
  module {
    source = "./modules/region"
  }
  providers = {
    aws = aws.primary
  }
  variables {
    event_forwarding = {
      peer_bus_arn              = "arn:aws:events:us-east-1:111122223333:event-bus/default"
      role_arn                  = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-event-forwarder"
      other_dead_letter_sources = []
    }
  }
  expect_failures = [var.event_forwarding]
}

run "region_rejects_a_cluster_identifier_as_target" {
  command = plan
  module {
    source = "./modules/region"
  }
  providers = {
    aws = aws.primary
  }
  variables {
    state_machine = {
      name          = "trading-dev-failover"
      role_arn      = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-failover-sfn"
      template_file = "state-machine.asl.json"
      template_vars = {
        environment                 = "dev"
        global_cluster_id           = "trading-dev"
        target_cluster_arn          = "trading-dev-us-east-1"
        target_cluster_id           = "trading-dev-us-east-1"
        serving_parameter_name      = "/trading/dev/us-east-1/serving"
        rest_api_id                 = "a1b2c3d4e5"
        stage_name                  = "v1"
        peer_rest_api_id            = "f6g7h8i9j0"
        peer_stage_name             = "v1"
        health_settle_seconds       = 40
        lease_wait_seconds          = 160
        validator_function_arn      = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-failover-validator"
        peer_serving_parameter_name = "/trading/dev/us-east-2/serving"
        peer_queue_url              = "https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-trade-orders"
        peer_cluster_arn            = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
        require_approval            = true
        approval_timeout_seconds    = 1800
        poll_interval_seconds       = 20
        max_poll_attempts           = 45
        execution_timeout_seconds   = 3510
      }
    }
  }
  expect_failures = [var.state_machine]
}

run "region_refuses_a_provider_in_another_region" {
  command = plan
  module {
    source = "./modules/region"
  }
  # The secondary's provider (us-east-2) for an instance that says it serves us-east-1.
  providers = {
    aws = aws.secondary
  }
  expect_failures = [aws_sfn_state_machine.this]
}
