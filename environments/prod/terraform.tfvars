# prod: only inputs differ between environments; the composition is environments/shared/main.tf.
project     = "trading"
environment = "prod"
repository  = "trading-platform-dr"

# Live mode refuses any other account. 000000000000 is not a real account: set the prod account
# before the first live plan.
allowed_account_ids = ["000000000000"]

primary_region   = "us-east-1"
secondary_region = "us-east-2"

# Zone IDs, not names: use1-az1 is the same physical zone in every account, us-east-1a is not. The
# preflight (make preflight ENV=<env> LIVE=1) checks that they exist in the account.
network = {
  primary = {
    vpc_cidr              = "10.30.0.0/16"
    availability_zone_ids = ["use1-az1", "use1-az2", "use1-az4"]
  }
  secondary = {
    vpc_cidr              = "10.31.0.0/16"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }
}

# example.com is reserved for documentation: set the firm's zone before the first live plan.
zone_name = "prod.trading.example.com"
# hosted_zone_id: a live plan refuses to run without it. `make bootstrap-dns ENV=prod LIVE=1` creates
# the zone on its own and prints the ID to set here, and the NS records to add to the parent zone.

# Detection 30 s + approval bound 900 s + authority change 10 s + one poll 20 s + the wait before
# validation 40 s + the lease wait of a failover that could not fence us-east-1 160 s + promotion 300 s
# + DNS 60 s = 1520 s (plan-lint): with a human approval step prod cannot honestly promise the 900 s the
# unattended environments can, and a lease-based fence of an unreachable region costs its lease.
rto_budget_seconds = 1600

# Key policies and trust policies name the account; it must be in allowed_account_ids. Bucket names
# default to "trading-prod-<account_id>-<kind>-<region>" (set bucket_name_prefix to override).
account_id = "000000000000"

# prod: deletion protection on; COMPLIANCE retention of 7 years for trade audit records (nobody,
# root included, can shorten it).
deletion_protection                = true
audit_object_lock                  = { mode = "COMPLIANCE", days = 2555 }
noncurrent_version_expiration_days = 365

# Regional stacks (both regions). rds.global_db_rpo stays unset: it would stop commits in the writer
# whenever the secondary region falls behind, tying the primary's availability to the standby's.
regional_database = {
  min_capacity          = 2
  max_capacity          = 32
  instance_count        = 2 # the writer and a reader in another zone, in each region
  backup_retention_days = 14
}
regional_function_settings = {
  trade_processor    = { reserved_concurrency = 50 }
  health             = { reserved_concurrency = 10 }
  failover_validator = { reserved_concurrency = 2 }
}
regional_api_throttle       = { rate_limit = 500, burst_limit = 1000 }
regional_alarm_thresholds   = { api_p99_latency_ms = 1000, rpo_lag_seconds = 30 }
regional_log_retention_days = 365

# Failover: a person approves every recovery (15 minutes to decide) and nothing starts one
# automatically. The approval bound is part of the recovery-time budget (rto_budget_seconds).
failover = {
  require_approval         = true
  approval_timeout_seconds = 900
  auto_failover_enabled    = false
}

# Who hears alarms, recovery outcomes and approval requests: every subscriber gets both regions'
# operations and alarm topics. example.com is reserved for documentation and a live plan refuses it:
# set the on-call addresses (or an HTTPS paging webhook) before the first live plan.
notification_subscriptions = [
  { protocol = "email", endpoint = "trading-oncall@prod.trading.example.com" },
]
