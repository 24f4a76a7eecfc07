# prod: only inputs differ between environments; the composition is environments/shared/main.tf.
project     = "trading"
environment = "prod"
repository  = "trading-platform-dr"

# Live mode refuses any other account. 000000000000 is not a real account: set the prod account
# before the first live plan.
allowed_account_ids = ["000000000000"]

primary_region   = "us-east-1"
secondary_region = "us-east-2"

network = {
  primary = {
    vpc_cidr           = "10.30.0.0/16"
    availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
  }
  secondary = {
    vpc_cidr           = "10.31.0.0/16"
    availability_zones = ["us-east-2a", "us-east-2b", "us-east-2c"]
  }
}

# example.com is reserved for documentation: set the firm's zone before the first live plan.
zone_name = "prod.trading.example.com"

rto_budget_seconds = 900

# Key policies and trust policies name the account; it must be in allowed_account_ids. Bucket names
# default to "trading-prod-<account_id>-<kind>-<region>" (set bucket_name_prefix to override).
account_id = "000000000000"

# prod: deletion protection on; COMPLIANCE retention of 7 years for trade audit records (nobody,
# root included, can shorten it).
deletion_protection                = true
audit_object_lock                  = { mode = "COMPLIANCE", days = 2555 }
noncurrent_version_expiration_days = 365
