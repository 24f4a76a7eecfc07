# dev: only inputs differ between environments; the composition is environments/shared/main.tf.
project     = "trading"
environment = "dev"
repository  = "trading-platform-dr"

# Live mode refuses any other account. 000000000000 is not a real account: set the dev account
# before the first live plan.
allowed_account_ids = ["000000000000"]

primary_region   = "us-east-1"
secondary_region = "us-east-2"

network = {
  primary = {
    vpc_cidr           = "10.10.0.0/16"
    availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
  }
  secondary = {
    vpc_cidr           = "10.11.0.0/16"
    availability_zones = ["us-east-2a", "us-east-2b", "us-east-2c"]
  }
}

# example.com is reserved for documentation: set the firm's zone before the first live plan.
zone_name = "dev.trading.example.com"

rto_budget_seconds = 900
