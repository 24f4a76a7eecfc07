# Every input validation and precondition, each with the one bad value that must trip it. The shared
# valid inputs are in terraform.tfvars beside this file.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "subnets_span_three_zones" {
  command = plan

  assert {
    condition     = length(aws_subnet.private) == 3 && [for s in aws_subnet.private : s.availability_zone_id] == ["use1-az1", "use1-az2", "use1-az4"]
    error_message = "expected one private subnet in each of the three zones, placed by zone ID"
  }

  assert {
    condition     = alltrue([for s in aws_subnet.private : cidrhost(s.cidr_block, 0) == cidrhost(cidrsubnet(var.vpc_cidr, 2, index(var.availability_zone_ids, s.availability_zone_id)), 0)])
    error_message = "subnets must be carved from the VPC CIDR in zone order"
  }
}

run "rejects_bad_name_prefix" {
  command = plan
  variables {
    name_prefix = "Trading_Dev"
  }
  expect_failures = [var.name_prefix]
}

run "rejects_overlapping_peer_cidr" {
  command = plan
  variables {
    peer_vpc_cidr = "10.10.128.0/17"
  }
  expect_failures = [var.peer_vpc_cidr]
}

run "rejects_vpc_smaller_than_24" {
  command = plan
  variables {
    vpc_cidr = "10.10.0.0/25"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "rejects_unknown_role" {
  command = plan
  variables {
    role = "tertiary"
  }
  expect_failures = [var.role]
}

run "rejects_two_subnets_in_one_zone" {
  command = plan
  variables {
    availability_zone_ids = ["use1-az1", "use1-az1", "use1-az4"]
  }
  expect_failures = [var.availability_zone_ids]
}

run "rejects_a_zone_name_where_a_zone_id_belongs" {
  command = plan
  variables {
    availability_zone_ids = ["us-east-1a", "us-east-1b", "us-east-1c"]
  }
  expect_failures = [var.availability_zone_ids]
}

run "rejects_zone_ids_of_another_region" {
  # use2- zone IDs belong to us-east-2; this stack is in us-east-1.
  command = plan
  variables {
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }
  expect_failures = [aws_subnet.private]
}

run "accepts_zone_ids_of_the_secondary_region" {
  command   = plan
  state_key = "secondary"
  variables {
    role                  = "secondary"
    peer_region           = "us-east-1"
    primary_cluster_arn   = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition     = [for s in aws_subnet.private : s.availability_zone_id] == ["use2-az1", "use2-az2", "use2-az3"]
    error_message = "us-east-2's subnets take use2- zone IDs"
  }
}

run "rejects_key_alias_instead_of_arn" {
  command = plan
  variables {
    kms_key_arns = {
      database = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000001"
      data     = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000002"
      logs     = "alias/logs"
    }
  }
  expect_failures = [var.kms_key_arns]
}

run "rejects_relative_ssm_prefix" {
  command = plan
  variables {
    ssm_prefix = "trading/dev/"
  }
  expect_failures = [var.ssm_prefix]
}

run "rejects_malformed_peer_region" {
  command = plan
  variables {
    peer_region = "Ohio"
  }
  expect_failures = [var.peer_region]
}

run "rejects_peer_region_equal_to_own_region" {
  command = plan
  variables {
    peer_region = "us-east-1"
  }
  expect_failures = [aws_vpc.this]
}

run "rejects_mysql_global_cluster" {
  command = plan
  variables {
    global_cluster = {
      id              = "trading-dev"
      arn             = "arn:aws:rds::111122223333:global-cluster:trading-dev"
      engine          = "aurora-mysql"
      engine_version  = "8.0.mysql_aurora.3.08.0"
      writer_endpoint = "trading-dev.global-abc123.global.rds.amazonaws.com"
      database_name   = "trading"
    }
  }
  expect_failures = [var.global_cluster]
}

run "rejects_unparseable_engine_version" {
  command = plan
  variables {
    global_cluster = {
      id              = "trading-dev"
      arn             = "arn:aws:rds::111122223333:global-cluster:trading-dev"
      engine          = "aurora-postgresql"
      engine_version  = "latest"
      writer_endpoint = "trading-dev.global-abc123.global.rds.amazonaws.com"
      database_name   = "trading"
    }
  }
  expect_failures = [var.global_cluster]
}

run "rejects_database_name_with_hyphen" {
  command = plan
  variables {
    global_cluster = {
      id              = "trading-dev"
      arn             = "arn:aws:rds::111122223333:global-cluster:trading-dev"
      engine          = "aurora-postgresql"
      engine_version  = "16.6"
      writer_endpoint = "trading-dev.global-abc123.global.rds.amazonaws.com"
      database_name   = "trading-db"
    }
  }
  expect_failures = [var.global_cluster]
}

run "rejects_sessions_table_arn_of_another_service" {
  command = plan
  variables {
    sessions_table = { name = "trading-dev-sessions", arn = "arn:aws:s3:::trading-dev-sessions" }
  }
  expect_failures = [var.sessions_table]
}

run "rejects_config_bucket_name_as_arn" {
  command = plan
  variables {
    config_bucket = { name = "trading-dev-config-us-east-1", arn = "trading-dev-config-us-east-1" }
  }
  expect_failures = [var.config_bucket]
}

run "rejects_audit_bucket_object_arn" {
  command = plan
  variables {
    audit_bucket = { name = "trading-dev-audit-us-east-1", arn = "arn:aws:s3:::trading-dev-audit-us-east-1/trades/*" }
  }
  expect_failures = [var.audit_bucket]
}

run "rejects_secondary_without_primary_cluster_arn" {
  command = plan
  variables {
    role                = "secondary"
    primary_cluster_arn = null
  }
  expect_failures = [var.primary_cluster_arn]
}

run "rejects_primary_with_primary_cluster_arn" {
  command = plan
  variables {
    primary_cluster_arn = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
  }
  expect_failures = [var.primary_cluster_arn]
}

run "rejects_cluster_identifier_as_primary_cluster_arn" {
  command = plan
  variables {
    role                = "secondary"
    primary_cluster_arn = "trading-dev-us-east-1"
  }
  expect_failures = [var.primary_cluster_arn]
}

run "rejects_primary_without_master_password" {
  command = plan
  variables {
    db_master_password = null
  }
  expect_failures = [var.db_master_password]
}

run "rejects_secondary_without_master_password" {
  # The secondary's cluster joins without credentials, but its db-migrator keeps the password too.
  command = plan
  variables {
    role                = "secondary"
    primary_cluster_arn = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    db_master_password  = null
  }
  expect_failures = [var.db_master_password]
}

run "rejects_migrations_dir_without_migrations" {
  command = plan
  variables {
    db_migrations_dir = "tests/mocks"
  }
  expect_failures = [var.db_migrations_dir]
}

run "rejects_short_master_password" {
  command = plan
  variables {
    db_master_password = "too-short"
  }
  expect_failures = [var.db_master_password]
}

run "rejects_missing_function_zip" {
  command = plan
  variables {
    function_zips = {
      trade_processor    = "tests/fixtures/function.zip"
      health             = "tests/fixtures/not-built.zip"
      failover_validator = "tests/fixtures/function.zip"
      db_migrator        = "tests/fixtures/function.zip"
    }
  }
  expect_failures = [var.function_zips]
}

run "rejects_aws_metrics_namespace" {
  command = plan
  variables {
    metrics_namespace = "AWS/Lambda"
  }
  expect_failures = [var.metrics_namespace]
}

run "rejects_paused_serverless_capacity" {
  command = plan
  variables {
    database = { min_capacity = 0, max_capacity = 4 }
  }
  expect_failures = [var.database]
}

run "rejects_min_capacity_above_max" {
  command = plan
  variables {
    database = { min_capacity = 8, max_capacity = 4 }
  }
  expect_failures = [var.database]
}

run "rejects_cluster_without_instances" {
  command = plan
  variables {
    database = { instance_count = 0 }
  }
  expect_failures = [var.database]
}

run "rejects_backup_retention_below_seven_days" {
  command = plan
  variables {
    database = { backup_retention_days = 3 }
  }
  expect_failures = [var.database]
}

run "rejects_global_rpo_below_twenty_seconds" {
  command = plan
  variables {
    database = { global_db_rpo_seconds = 10 }
  }
  expect_failures = [var.database]
}

run "rejects_reserved_master_username" {
  command = plan
  variables {
    database = { master_username = "postgres" }
  }
  expect_failures = [var.database]
}

run "rejects_master_password_version_zero" {
  command = plan
  variables {
    database = { master_password_version = 0 }
  }
  expect_failures = [var.database]
}

run "rejects_function_memory_below_128" {
  command = plan
  variables {
    function_settings = { health = { memory_mb = 64 } }
  }
  expect_failures = [var.function_settings]
}

run "rejects_zero_reserved_concurrency" {
  command = plan
  variables {
    function_settings = { failover_validator = { reserved_concurrency = 0 } }
  }
  expect_failures = [var.function_settings]
}

run "rejects_processor_concurrency_below_event_source_minimum" {
  command = plan
  variables {
    function_settings = { trade_processor = { reserved_concurrency = 1 } }
  }
  expect_failures = [var.function_settings]
}

run "rejects_health_timeout_beyond_api_gateway_limit" {
  command = plan
  variables {
    function_settings = { health = { timeout_seconds = 30 } }
  }
  expect_failures = [var.function_settings]
}

run "rejects_zero_max_receive_count" {
  command = plan
  variables {
    trade_queue = { max_receive_count = 0 }
  }
  expect_failures = [var.trade_queue]
}

run "rejects_batch_size_above_sqs_limit" {
  command = plan
  variables {
    trade_queue = { batch_size = 20000, maximum_batching_window_in_seconds = 5 }
  }
  expect_failures = [var.trade_queue]
}

run "rejects_batching_window_above_300" {
  command = plan
  variables {
    trade_queue = { maximum_batching_window_in_seconds = 400 }
  }
  expect_failures = [var.trade_queue]
}

run "rejects_large_batch_without_window" {
  command = plan
  variables {
    trade_queue = { batch_size = 100, maximum_batching_window_in_seconds = 0 }
  }
  expect_failures = [var.trade_queue]
}

run "rejects_zero_api_rate_limit" {
  command = plan
  variables {
    api_throttle = { rate_limit = 0 }
  }
  expect_failures = [var.api_throttle]
}

run "rejects_zero_error_threshold" {
  command = plan
  variables {
    alarm_thresholds = { processor_errors = 0 }
  }
  expect_failures = [var.alarm_thresholds]
}

run "rejects_5xx_rate_given_in_percent" {
  command = plan
  variables {
    alarm_thresholds = { api_5xx_rate = 5 }
  }
  expect_failures = [var.alarm_thresholds]
}

run "rejects_p99_latency_beyond_integration_timeout" {
  command = plan
  variables {
    alarm_thresholds = { api_p99_latency_ms = 30000 }
  }
  expect_failures = [var.alarm_thresholds]
}

run "rejects_zero_rpo_lag_threshold" {
  command = plan
  variables {
    alarm_thresholds = { rpo_lag_seconds = 0 }
  }
  expect_failures = [var.alarm_thresholds]
}

run "rejects_unsupported_log_retention" {
  command = plan
  variables {
    log_retention_days = 10
  }
  expect_failures = [var.log_retention_days]
}

run "rejects_unknown_log_level" {
  command = plan
  variables {
    log_level = "TRACE"
  }
  expect_failures = [var.log_level]
}

run "rejects_session_ttl_below_a_minute" {
  command = plan
  variables {
    session_ttl_seconds = 10
  }
  expect_failures = [var.session_ttl_seconds]
}

run "rejects_long_serving_flag_cache" {
  command = plan
  variables {
    health_check = { flag_cache_seconds = 120 }
  }
  expect_failures = [var.health_check]
}

run "rejects_tiny_probe_timeout" {
  command = plan
  variables {
    health_check = { probe_timeout_ms = 50 }
  }
  expect_failures = [var.health_check]
}

run "rejects_role_name_longer_than_iam_allows" {
  command = plan
  variables {
    name_prefix           = "trading-platform-staging-extras"
    peer_region           = "ap-northeast-1"
    availability_zone_ids = ["apse2-az1", "apse2-az2", "apse2-az3"]
  }
  override_data {
    target = data.aws_region.current
    values = { name = "ap-southeast-2" }
  }
  expect_failures = [aws_iam_role.failover_validator]
}

run "rejects_max_order_age_0" {
  command = plan
  variables {
    max_order_age_seconds = 0
  }
  expect_failures = [var.max_order_age_seconds]
}

run "rejects_max_order_age_over_an_hour" {
  command = plan
  variables {
    max_order_age_seconds = 3601
  }
  expect_failures = [var.max_order_age_seconds]
}
