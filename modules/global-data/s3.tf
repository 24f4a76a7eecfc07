# The config, audit and trail buckets of each region (versioning, SSE with that region's key,
# ownership, public access block, TLS-only policy, lifecycle, Object Lock on audit and trail) live
# in the regional-buckets inner module, called once per region: provider 5.x cannot choose a
# provider per instance, and Terraform 1.11 cannot for_each over providers, so one call per region
# is the way to write the per-region blocks once. Each call names its own region's key directly.
#
# Each bucket's policy pins its key (no SSE-C, no other KMS key) and lets only the administration role
# change its Object Lock, replication and lifecycle configuration and the policy itself (threats 6 and 7
# of docs/threat-model.md). That role is bucket_admin_role_arn, or else the key administrator of
# decision 006: the same break-glass path for the keys and for the configuration that protects what
# they encrypt. The policies are put after the replication configurations, which the applying principal
# could not put afterwards, and after the module's own administrator role, since S3 refuses a policy
# that names a principal that does not exist (policy_after).

module "primary_buckets" {
  source    = "./modules/regional-buckets"
  providers = { aws = aws.primary }

  bucket_name_prefix                 = var.bucket_name_prefix
  kms_key_arn                        = aws_kms_key.this["data"].arn
  audit_object_lock                  = var.audit_object_lock
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  admin_role_arn                     = local.bucket_admin_role_arn
  policy_after                       = concat([for r in aws_s3_bucket_replication_configuration.primary : r.id], aws_iam_role.key_admin[*].arn)

  trail = {
    kms_key_arn    = aws_kms_key.this["trail"].arn
    cloudtrail_arn = local.trail_arn
    account_id     = var.account_id
    object_lock    = local.trail_object_lock
  }
}

module "secondary_buckets" {
  source    = "./modules/regional-buckets"
  providers = { aws = aws.secondary }

  bucket_name_prefix                 = var.bucket_name_prefix
  kms_key_arn                        = aws_kms_replica_key.this["data"].arn
  audit_object_lock                  = var.audit_object_lock
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  admin_role_arn                     = local.bucket_admin_role_arn
  policy_after                       = concat([for r in aws_s3_bucket_replication_configuration.secondary : r.id], aws_iam_role.key_admin[*].arn)

  # The peer of the trail bucket: replicas of the trail's log files land here (trail.tf says why).
  trail = {
    kms_key_arn    = aws_kms_replica_key.this["trail"].arn
    cloudtrail_arn = local.trail_arn
    account_id     = var.account_id
    object_lock    = local.trail_object_lock
  }
}

locals {
  bucket_admin_role_arn = coalesce(var.bucket_admin_role_arn, local.key_admin_role_arn)

  regional_buckets = {
    primary   = module.primary_buckets.buckets
    secondary = module.secondary_buckets.buckets
  }

  # Each kind's replication behaviour. Configuration follows deletes to the peer, so both regions agree
  # on what is current. Audit records are write-once: a delete marker placed in one region must not
  # hide the record in the other (the locked versions survive either way, but readers see the marker).
  replicate_delete_markers = {
    config = true
    audit  = false
    trail  = false
  }

  # Each kind's key domain: the trail's log files have a key of their own (kms.tf).
  bucket_key_domain = {
    config = "data"
    audit  = "data"
    trail  = "trail"
  }

  # Every bucket of both regions keyed "<role>-<kind>", with the ARN computed from its name (known at
  # plan time, so the replication policies are too).
  buckets = merge([
    for role, buckets in local.regional_buckets : {
      for kind, b in buckets : "${role}-${kind}" => {
        role                     = role
        kind                     = kind
        region                   = local.regions[role]
        name                     = b.name
        arn                      = "arn:${local.partition}:s3:::${b.name}"
        object_lock              = b.object_lock
        replicate_delete_markers = local.replicate_delete_markers[kind]
        kms_key_arn              = local.kms_key_arns[role][local.bucket_key_domain[kind]]
      }
    }
  ]...)
}
