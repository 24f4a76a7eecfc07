# Shared inputs of every terraform test in this directory: a complete primary in us-east-1. Each
# test file and run overrides only what it is about.
name_prefix           = "trading-dev"
environment           = "dev"
role                  = "primary"
vpc_cidr              = "10.10.0.0/16"
peer_vpc_cidr         = "10.11.0.0/16"
availability_zone_ids = ["use1-az1", "use1-az2", "use1-az4"]
kms_key_arns = {
  database = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000001"
  data     = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000002"
  logs     = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000003"
}
ssm_prefix  = "/trading/dev"
peer_region = "us-east-2"
global_cluster = {
  id              = "trading-dev"
  arn             = "arn:aws:rds::111122223333:global-cluster:trading-dev"
  engine          = "aurora-postgresql"
  engine_version  = "16.6"
  writer_endpoint = "trading-dev.global-abc123.global.rds.amazonaws.com"
  database_name   = "trading"
}
sessions_table     = { name = "trading-dev-sessions", arn = "arn:aws:dynamodb:us-east-1:111122223333:table/trading-dev-sessions" }
config_bucket      = { name = "trading-dev-config-us-east-1", arn = "arn:aws:s3:::trading-dev-config-us-east-1" }
audit_bucket       = { name = "trading-dev-audit-us-east-1", arn = "arn:aws:s3:::trading-dev-audit-us-east-1" }
db_master_password = "offline-test-password-0123456789"
function_zips = {
  trade_processor    = "tests/fixtures/function.zip"
  health             = "tests/fixtures/function.zip"
  failover_validator = "tests/fixtures/function.zip"
  db_migrator        = "tests/fixtures/function.zip"
}
db_migrations_dir = "tests/fixtures/migrations"
metrics_namespace = "trading/dev"
