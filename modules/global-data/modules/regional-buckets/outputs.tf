# One output per bucket, each naming its own resource instance, so a consumer (and plan-lint following
# references through the plan) sees exactly which bucket it gets.
output "region" {
  description = "Region of the buckets (the provider's region)."
  value       = local.region
}

output "config_bucket" {
  description = "The config bucket: name and ARN."
  value = {
    name = aws_s3_bucket.this["config"].bucket
    arn  = aws_s3_bucket.this["config"].arn
  }
}

output "audit_bucket" {
  description = "The audit bucket (Object Lock): name and ARN."
  value = {
    name = aws_s3_bucket.this["audit"].bucket
    arn  = aws_s3_bucket.this["audit"].arn
  }
}

output "buckets" {
  description = "Every bucket by kind (config, audit, and trail when set), for replication: id, name, ARN, whether Object Lock is on, the versioning status (S3 needs versioning at both ends before replication) and the bucket's KMS key, the only one its policy admits."
  value = {
    for kind, b in aws_s3_bucket.this : kind => {
      id          = b.id
      name        = b.bucket
      arn         = b.arn
      object_lock = b.object_lock_enabled
      versioning  = one(aws_s3_bucket_versioning.this[kind].versioning_configuration).status
      kms_key_arn = local.buckets[kind].kms_key_arn
    }
  }
}

output "kms_key_arn" {
  description = "The key the config and audit buckets use for SSE-KMS by default (this region's data key, as passed in); the trail bucket uses trail.kms_key_arn."
  value       = var.kms_key_arn
}

output "admin_role_arn" {
  description = "The role that alone may change the buckets' Object Lock, replication and lifecycle configuration and their policies (as passed in)."
  value       = var.admin_role_arn
}

output "trail_bucket" {
  description = "The account trail's log bucket (Object Lock): name and ARN, or null when trail is null."
  value       = var.trail == null ? null : { name = aws_s3_bucket.this["trail"].bucket, arn = aws_s3_bucket.this["trail"].arn }
}
