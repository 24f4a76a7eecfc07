# The composition every environment shares (dev, staging and prod link to this file).
# Dependencies flow one way: global-data -> regional-stack (once per region) -> failover-orchestrator.

locals {
  name_prefix = "${var.project}-${var.environment}"
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

  name_prefix        = local.name_prefix
  environment        = var.environment
  role               = "primary"
  vpc_cidr           = var.network.primary.vpc_cidr
  peer_vpc_cidr      = var.network.secondary.vpc_cidr
  availability_zones = var.network.primary.availability_zones
  kms_key_arns       = module.global_data.regions.primary.kms_key_arns
}

module "region_secondary" {
  source    = "../../modules/regional-stack"
  providers = { aws = aws.secondary }

  name_prefix        = local.name_prefix
  environment        = var.environment
  role               = "secondary"
  vpc_cidr           = var.network.secondary.vpc_cidr
  peer_vpc_cidr      = var.network.primary.vpc_cidr
  availability_zones = var.network.secondary.availability_zones
  kms_key_arns       = module.global_data.regions.secondary.kms_key_arns
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
}
