# The composition every environment shares (dev, staging and prod link to this file).
# Dependencies flow one way: global-data -> regional-stack (once per region) -> failover-orchestrator.

locals {
  name_prefix = "${var.project}-${var.environment}"
  # A throwaway value offline, where nothing can call AWS (and nothing is applied).
  db_master_password = var.offline ? "offline-${sha256(local.name_prefix)}" : ephemeral.aws_secretsmanager_random_password.db_master[0].random_password
}

# The Aurora master password is made by Secrets Manager's GetRandomPassword, which generates a value
# and reads nothing, in the same run that writes it, and it goes only into write-only arguments: the
# primary's cluster and both regions' db-migrator parameters (decision 005). No person, CI variable
# or Atlantis server holds it, and the plan role needs only secretsmanager:GetRandomPassword.
# Each run makes a new value, but a write-only argument is sent only when its version changes: on
# create, or when regional_database.master_password_version is incremented, which rotates it in
# the cluster and both parameters in one apply.
ephemeral "aws_secretsmanager_random_password" "db_master" {
  count    = var.offline ? 0 : 1
  provider = aws.primary

  # RDS refuses slashes, double quotes, at signs and spaces; 40 letters and digits carry about 238 bits.
  password_length            = 40
  exclude_punctuation        = true
  include_space              = false
  require_each_included_type = true
}

module "global_data" {
  source = "../../modules/global-data"
  providers = {
    aws.primary   = aws.primary
    aws.secondary = aws.secondary
  }

  name_prefix                        = local.name_prefix
  environment                        = var.environment
  account_id                         = var.account_id
  bucket_name_prefix                 = coalesce(var.bucket_name_prefix, "${local.name_prefix}-${var.account_id}")
  deletion_protection                = var.deletion_protection
  audit_object_lock                  = var.audit_object_lock
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
}

module "region_primary" {
  source    = "../../modules/regional-stack"
  providers = { aws = aws.primary }

  name_prefix           = local.name_prefix
  environment           = var.environment
  role                  = "primary"
  vpc_cidr              = var.network.primary.vpc_cidr
  peer_vpc_cidr         = var.network.secondary.vpc_cidr
  availability_zone_ids = var.network.primary.availability_zone_ids
  kms_key_arns          = module.global_data.primary.kms_key_arns

  ssm_prefix          = "/${var.project}/${var.environment}"
  peer_region         = var.secondary_region
  global_cluster      = module.global_data.global_cluster
  sessions_table      = { name = module.global_data.sessions_table_name, arn = module.global_data.primary.sessions_table_arn }
  config_bucket       = module.global_data.primary.config_bucket
  audit_bucket        = module.global_data.primary.audit_bucket
  primary_cluster_arn = null
  db_master_password  = local.db_master_password
  function_zips = {
    trade_processor    = "${path.root}/../../build/functions/trade-processor.zip"
    health             = "${path.root}/../../build/functions/health.zip"
    failover_validator = "${path.root}/../../build/functions/failover-validator.zip"
    db_migrator        = "${path.root}/../../build/functions/db-migrator.zip"
  }
  db_migrations_dir = "${path.root}/../../functions/db-migrator/migrations"
  metrics_namespace = "${var.project}/${var.environment}"
  # db.serverless instances per region come from regional_database.instance_count (dev 1: enough to
  # promote; staging and prod 2: the writer plus a reader in another zone to fail over to in-region).
  # Both regions get the same count, so the two stacks stay symmetric.
  database           = merge(var.regional_database, { deletion_protection = var.deletion_protection })
  function_settings  = var.regional_function_settings
  api_throttle       = var.regional_api_throttle
  alarm_thresholds   = var.regional_alarm_thresholds
  log_retention_days = var.regional_log_retention_days

  max_order_age_seconds = var.max_order_age_seconds
  alarm_subscriptions   = var.notification_subscriptions
  # POST /trades authenticates with a client certificate on the custom domain (decision 008): SigV4
  # names one region and fails after a failover.
  client_authentication = "MUTUAL_TLS"
}

module "region_secondary" {
  source    = "../../modules/regional-stack"
  providers = { aws = aws.secondary }

  name_prefix           = local.name_prefix
  environment           = var.environment
  role                  = "secondary"
  vpc_cidr              = var.network.secondary.vpc_cidr
  peer_vpc_cidr         = var.network.primary.vpc_cidr
  availability_zone_ids = var.network.secondary.availability_zone_ids
  kms_key_arns          = module.global_data.secondary.kms_key_arns

  ssm_prefix     = "/${var.project}/${var.environment}"
  peer_region    = var.primary_region
  global_cluster = module.global_data.global_cluster
  sessions_table = { name = module.global_data.sessions_table_name, arn = module.global_data.secondary.sessions_table_arn }
  config_bucket  = module.global_data.secondary.config_bucket
  audit_bucket   = module.global_data.secondary.audit_bucket
  # Joins the global cluster only after the primary's cluster AND its writer instance exist: the
  # joinable_cluster_arn output depends on the instances (an input reference, not depends_on).
  # Without it AWS refuses the secondary with "InvalidParameterValue: The parameter MasterUsername
  # must be provided" (hashicorp/terraform-provider-aws#26030, #26033). tests/plans checks this.
  primary_cluster_arn = module.region_primary.joinable_cluster_arn
  # The secondary's cluster joins without credentials; the password only fills its db-migrator's
  # parameter, for the day this region is the writer.
  db_master_password = local.db_master_password
  function_zips = {
    trade_processor    = "${path.root}/../../build/functions/trade-processor.zip"
    health             = "${path.root}/../../build/functions/health.zip"
    failover_validator = "${path.root}/../../build/functions/failover-validator.zip"
    db_migrator        = "${path.root}/../../build/functions/db-migrator.zip"
  }
  db_migrations_dir  = "${path.root}/../../functions/db-migrator/migrations"
  metrics_namespace  = "${var.project}/${var.environment}"
  database           = merge(var.regional_database, { deletion_protection = var.deletion_protection })
  function_settings  = var.regional_function_settings
  api_throttle       = var.regional_api_throttle
  alarm_thresholds   = var.regional_alarm_thresholds
  log_retention_days = var.regional_log_retention_days

  max_order_age_seconds = var.max_order_age_seconds
  alarm_subscriptions   = var.notification_subscriptions
  # POST /trades authenticates with a client certificate on the custom domain (decision 008): SigV4
  # names one region and fails after a failover.
  client_authentication = "MUTUAL_TLS"
}

module "failover" {
  source = "../../modules/failover-orchestrator"
  providers = {
    aws.primary   = aws.primary
    aws.secondary = aws.secondary
  }

  name_prefix    = local.name_prefix
  environment    = var.environment
  zone_name      = var.zone_name
  hosted_zone_id = var.hosted_zone_id

  ssm_prefix      = "/${var.project}/${var.environment}"
  regional_stacks = { primary = module.region_primary, secondary = module.region_secondary }
  global_cluster  = module.global_data.global_cluster
  # Separate inputs (not one object) so the plan records which region's key each region gets.
  primary_kms_key_arn   = module.global_data.primary.kms_key_arns.logs
  secondary_kms_key_arn = module.global_data.secondary.kms_key_arns.logs
  function_zips = {
    region_fence  = "${path.root}/../../build/functions/region-fence.zip"
    primary_probe = "${path.root}/../../build/functions/primary-probe.zip"
  }
  metrics_namespace = "${var.project}/${var.environment}"

  require_approval               = var.failover.require_approval
  approval_timeout_seconds       = var.failover.approval_timeout_seconds
  auto_failover_enabled          = var.failover.auto_failover_enabled
  probe_failure_datapoints       = var.failover.probe_failure_datapoints
  health_check_failure_threshold = var.failover.health_check_failure_threshold
  operator_principal_arns        = var.failover.operator_principal_arns
  approver_principal_arns        = var.failover.approver_principal_arns
  break_glass_role_arns          = var.failover.break_glass_role_arns

  # The active-region authority's ARC cluster: null creates one; dev's may be shared (outputs
  # recovery_control_cluster).
  operations_subscriptions = var.notification_subscriptions
  client_truststore = {
    pem              = file("${path.root}/${var.client_truststore_file}")
    primary_bucket   = module.global_data.primary.config_bucket.name
    secondary_bucket = module.global_data.secondary.config_bucket.name
  }

  recovery_control_cluster_arn       = var.recovery_control_cluster_arn
  recovery_control_cluster_endpoints = var.recovery_control_cluster_endpoints
}
