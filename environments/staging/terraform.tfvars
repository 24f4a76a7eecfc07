# staging: only inputs differ between environments; the composition is environments/shared/main.tf.
project     = "trading"
environment = "staging"
repository  = "trading-platform-dr"

# Live mode refuses any other account. 000000000000 is not a real account: set the staging account
# before the first live plan.
allowed_account_ids = ["000000000000"]

primary_region   = "us-east-1"
secondary_region = "us-east-2"

# Zone IDs, not names: use1-az1 is the same physical zone in every account, us-east-1a is not. The
# preflight (make preflight ENV=<env> LIVE=1) checks that they exist in the account.
network = {
  primary = {
    vpc_cidr              = "10.20.0.0/16"
    availability_zone_ids = ["use1-az1", "use1-az2", "use1-az4"]
  }
  secondary = {
    vpc_cidr              = "10.21.0.0/16"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }
}

# example.com is reserved for documentation: set the firm's zone before the first live plan.
zone_name = "staging.trading.example.com"
# hosted_zone_id: a live plan refuses to run without it. `make bootstrap-dns ENV=staging LIVE=1` creates
# the zone on its own and prints the ID to set here, and the NS records to add to the parent zone.

rto_budget_seconds = 900

# Key policies and trust policies name the account; it must be in allowed_account_ids. Bucket names
# default to "trading-staging-<account_id>-<kind>-<region>" (set bucket_name_prefix to override).
account_id = "000000000000"

# staging: no deletion protection and GOVERNANCE retention, so a release rehearsal can be torn down.
deletion_protection                = false
audit_object_lock                  = { mode = "GOVERNANCE", days = 30 }
noncurrent_version_expiration_days = 90

# Regional stacks (both regions). staging: prod-like alarms at a fraction of prod's capacity.
regional_database = {
  min_capacity          = 1
  max_capacity          = 8
  instance_count        = 2 # the writer and a reader in another zone, in each region
  backup_retention_days = 7
}
regional_function_settings = {
  trade_processor    = { reserved_concurrency = 10 }
  health             = { reserved_concurrency = 3 }
  failover_validator = { reserved_concurrency = 2 }
}
regional_api_throttle       = { rate_limit = 100, burst_limit = 200 }
regional_alarm_thresholds   = { api_p99_latency_ms = 1000, rpo_lag_seconds = 30 }
regional_log_retention_days = 30

# Failover: staging runs the automatic path (canary in the secondary, 3 failed minutes) so it is
# exercised before anyone relies on it; no approval step.
failover = {
  require_approval         = false
  auto_failover_enabled    = true
  probe_failure_datapoints = 3
}

# The active-region authority (Route 53 ARC): null creates a cluster for staging (USD 2.50 an hour). To
# share dev's instead, copy dev's output recovery_control_cluster (terraform output -json
# recovery_control_cluster in environments/dev):
# recovery_control_cluster_arn       = "arn:aws:route53-recovery-control::<account>:cluster/<id>"
# recovery_control_cluster_endpoints = [{ endpoint = "https://<host>/v1", region = "<region>" }, ...]
# max_order_age_seconds keeps its default, 60.

# Who hears alarms, recovery outcomes and approval requests: every subscriber gets both regions'
# operations and alarm topics. example.com is reserved for documentation and a live plan refuses it:
# set the on-call addresses (or an HTTPS paging webhook) before the first live plan.
notification_subscriptions = [
  { protocol = "email", endpoint = "trading-oncall@staging.trading.example.com" },
]
