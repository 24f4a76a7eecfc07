# Shared inputs of every terraform test in this directory (dev in us-east-1 and us-east-2). Each test
# file and run overrides only what it is about.
name_prefix        = "trading-dev"
environment        = "dev"
account_id         = "111122223333"
bucket_name_prefix = "trading-dev-111122223333"
audit_object_lock  = { mode = "GOVERNANCE", days = 1 }
