# The Terraform state of the environments in one account: a bucket in the primary region that the
# backends use, a bucket in the replica region, and replication both ways, so the replica holds the
# state when the primary region is lost and the primary catches up with what was written to the
# replica meanwhile. Locking is S3-native (use_lockfile in environments/shared/backend.tf): the lock is
# an object next to the state, so no DynamoDB table is needed.
#
# This root keeps its own state locally (terraform.tfstate.d/<account_id>/, one workspace per
# account): it creates the bucket any remote state would live in. docs/first-deployment.md says how
# to keep a copy of it in the bucket.

locals {
  bucket_name_prefix = coalesce(var.bucket_name_prefix, "${var.project}-tfstate-${var.account_id}")
  state_keys         = { for e in var.environments : e => "${var.state_key_prefix}/${e}/terraform.tfstate" }

  sides = {
    primary = module.primary
    replica = module.replica
  }
  # Each direction of the two-way replication: source -> destination.
  directions = {
    primary = { source = module.primary, destination = module.replica }
    replica = { source = module.replica, destination = module.primary }
  }
}

data "aws_partition" "current" {
  provider = aws.primary
}

module "primary" {
  source    = "./modules/bucket"
  providers = { aws = aws.primary }

  name                               = "${local.bucket_name_prefix}-${var.primary_region}"
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
}

module "replica" {
  source    = "./modules/bucket"
  providers = { aws = aws.replica }

  name                               = "${local.bucket_name_prefix}-${var.replica_region}"
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
}
