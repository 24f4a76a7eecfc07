# dev: only inputs differ between environments; the composition is environments/shared/main.tf.
project     = "trading"
environment = "dev"
repository  = "trading-platform-dr"

# Live mode refuses any other account. 000000000000 is not a real account: set the dev account
# before the first live plan.
allowed_account_ids = ["000000000000"]

primary_region   = "us-east-1"
secondary_region = "us-east-2"

# Zone IDs, not names: use1-az1 is the same physical zone in every account, us-east-1a is not. The
# preflight (make preflight ENV=<env> LIVE=1) checks that they exist in the account.
network = {
  primary = {
    vpc_cidr              = "10.10.0.0/16"
    availability_zone_ids = ["use1-az1", "use1-az2", "use1-az4"]
  }
  secondary = {
    vpc_cidr              = "10.11.0.0/16"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }
}

# example.com is reserved for documentation: set the firm's zone before the first live plan.
zone_name = "dev.trading.example.com"
# hosted_zone_id: a live plan refuses to run without it. `make bootstrap-dns ENV=dev LIVE=1` creates
# the zone on its own and prints the ID to set here, and the NS records to add to the parent zone.

rto_budget_seconds = 900

# Key policies and trust policies name the account; it must be in allowed_account_ids. Bucket names
# default to "trading-dev-<account_id>-<kind>-<region>" (set bucket_name_prefix to override).
account_id = "000000000000"

# dev: GOVERNANCE and one day, so test data can be cleaned up; no deletion protection.
deletion_protection                = false
audit_object_lock                  = { mode = "GOVERNANCE", days = 1 }
noncurrent_version_expiration_days = 30

# Regional stacks (both regions). dev: smallest capacity, short log retention, loose latency alarm.
regional_database = {
  min_capacity          = 0.5
  max_capacity          = 2
  instance_count        = 1 # enough to promote; dev gives up the in-region reader
  backup_retention_days = 7
}
regional_function_settings = {
  trade_processor    = { reserved_concurrency = 5 }
  health             = { reserved_concurrency = 2 }
  failover_validator = { reserved_concurrency = 2 }
}
regional_api_throttle       = { rate_limit = 20, burst_limit = 40 }
regional_alarm_thresholds   = { api_p99_latency_ms = 3000, rpo_lag_seconds = 120 }
regional_log_retention_days = 14

# Failover: no approval step and manual start only; drills run `make failover` by hand.
failover = {
  require_approval      = false
  auto_failover_enabled = false
}

# The active-region authority (Route 53 ARC) gets its own cluster here (recovery_control_cluster_arn
# left null). A cluster costs USD 2.50 an hour; staging can share this one: after dev's apply, set
# staging's recovery_control_cluster_arn and recovery_control_cluster_endpoints to dev's output
# recovery_control_cluster (arn, endpoints).
# max_order_age_seconds keeps its default, 60.

# Who hears alarms, recovery outcomes and approval requests: every subscriber gets both regions'
# operations and alarm topics. example.com is reserved for documentation and a live plan refuses it:
# set the on-call addresses (or an HTTPS paging webhook) before the first live plan.
notification_subscriptions = [
  { protocol = "email", endpoint = "trading-oncall@dev.trading.example.com" },
]
