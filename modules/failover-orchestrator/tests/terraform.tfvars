# Shared inputs of every terraform test in this directory: the orchestrator's (dev, primary us-east-1,
# secondary us-east-2), then those of modules/region as the orchestrator passes them for the primary.
# Runs of modules/region (module blocks) override what they are about; unused values are ignored.

name_prefix = "trading-dev"
environment = "dev"
zone_name   = "dev.trading.example.com"
ssm_prefix  = "/trading/dev"
regional_stacks = {
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
    trade_queue_arn               = "arn:aws:sqs:us-east-1:111122223333:trading-dev-trade-orders"
    trade_queue_url               = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders"
    serving_lease_seconds         = 150
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
    trade_queue_arn               = "arn:aws:sqs:us-east-2:111122223333:trading-dev-trade-orders"
    trade_queue_url               = "https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-trade-orders"
    serving_lease_seconds         = 150
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

# --- modules/region, the primary's instance ---------------------------------------------------------
region             = "us-east-1"
peer_region        = "us-east-2"
kms_key_arn        = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000003"
log_retention_days = 365
state_machine = {
  name          = "trading-dev-failover"
  role_arn      = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-failover-sfn"
  template_file = "state-machine.asl.json"
  template_vars = {
    environment                 = "dev"
    global_cluster_id           = "trading-dev"
    target_cluster_arn          = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
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
state_machine_role_policy_id = "trading-dev-us-east-1-failover-sfn:failover"
region_fence = {
  function_name = "trading-dev-region-fence"
  zip           = "tests/fixtures/function.zip"
  role_arn      = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-region-fence"

  peer_serving_lease_seconds = 150
}
region_fence_role_policy_id = "trading-dev-us-east-1-region-fence:region-fence"
peer_probe = {
  function_name   = "trading-dev-primary-probe"
  zip             = "tests/fixtures/function.zip"
  role_arn        = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-primary-probe"
  health_hostname = "f6g7h8i9j0.execute-api.us-east-2.amazonaws.com"
  view_name       = "secondary-view.api.dev.trading.example.com"
  timeout_ms      = 5000
}
peer_probe_role_policy_id = "trading-dev-us-east-1-primary-probe:primary-probe"
approval_reader_role_arns = ["arn:aws:iam::111122223333:role/trading-dev-recovery-approver"]
event_forwarding = {
  peer_bus_arn              = "arn:aws:events:us-east-2:111122223333:event-bus/default"
  role_arn                  = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-event-forwarder"
  other_dead_letter_sources = []
}
api = {
  fqdn       = "api.dev.trading.example.com"
  id         = "a1b2c3d4e5"
  stage_name = "v1"
}
certificate_validation_record_fqdns = ["_x1.api.dev.trading.example.com"]
health_check_ids_parameter = {
  name  = "/trading/dev/health-check-ids"
  value = "{\"us-east-1\":\"hc-primary\",\"us-east-2\":\"hc-secondary\"}"
}
api_stages = {
  "us-east-1" = { rest_api_id = "a1b2c3d4e5", stage_name = "v1" }
  "us-east-2" = { rest_api_id = "f6g7h8i9j0", stage_name = "v1" }
}
cluster_arns = {
  "us-east-1" = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
  "us-east-2" = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
}
health_settle_seconds = 40
authority = {
  cluster_endpoints = [{ endpoint = "https://host-aaaaaa.us-west-2.example.com/v1", region = "us-west-2" }]
  routing_control_arns = {
    "us-east-1" = "arn:aws:route53-recovery-control::111122223333:controlpanel/p/routingcontrol/east1"
    "us-east-2" = "arn:aws:route53-recovery-control::111122223333:controlpanel/p/routingcontrol/east2"
  }
}
