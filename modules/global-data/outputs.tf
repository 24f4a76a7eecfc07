# One output per region, each naming that region's own resource blocks and bucket module directly (no
# shared map in between), so a reader, and plan-lint following references through the plan, sees which
# region's key, table and buckets a consumer gets.
output "primary" {
  description = "Handles for the primary's regional-stack: the region name, the primary key ARNs (database, data, logs), the sessions table ARN and the primary config and audit buckets. The primary only ever uses its own."
  value = {
    region             = data.aws_region.primary.name
    kms_key_arns       = { for domain, key in aws_kms_key.this : domain => key.arn if domain != "trail" }
    sessions_table_arn = aws_dynamodb_table.sessions.arn
    config_bucket      = module.primary_buckets.config_bucket
    audit_bucket       = module.primary_buckets.audit_bucket
  }
}

output "secondary" {
  description = "Handles for the secondary's regional-stack: the region name, the replica key ARNs (database, data, logs), the sessions table replica's ARN and the secondary config and audit buckets. The secondary only ever uses its own."
  value = {
    region             = data.aws_region.secondary.name
    kms_key_arns       = { for domain, key in aws_kms_replica_key.this : domain => key.arn if domain != "trail" }
    sessions_table_arn = one([for r in aws_dynamodb_table.sessions.replica : r.arn if r.region_name == data.aws_region.secondary.name])
    config_bucket      = module.secondary_buckets.config_bucket
    audit_bucket       = module.secondary_buckets.audit_bucket
  }
}

output "global_cluster" {
  description = "The Aurora global cluster: id and ARN (member clusters join through id), engine and engine version (members must use these), the global writer endpoint that always resolves to the current writer, and the database name."
  value = {
    id              = aws_rds_global_cluster.this.id
    arn             = aws_rds_global_cluster.this.arn
    engine          = aws_rds_global_cluster.this.engine
    engine_version  = aws_rds_global_cluster.this.engine_version
    writer_endpoint = aws_rds_global_cluster.this.endpoint
    database_name   = aws_rds_global_cluster.this.database_name
  }
}

output "sessions_table_name" {
  description = "Name of the DynamoDB sessions global table (the same in both regions)."
  value       = aws_dynamodb_table.sessions.name
}

output "session_ttl_attribute" {
  description = "Attribute of the sessions table that DynamoDB TTL reads (epoch seconds)."
  value       = local.session_ttl_attribute
}

output "replication_role_arns" {
  description = "IAM roles S3 replication assumes, by source region role (primary: primary to secondary; secondary: back)."
  value       = { for role, r in aws_iam_role.replication : role => r.arn }
}

output "key_admin_role_arn" {
  description = "The role that alone may disable, schedule the deletion of, or change the policy of the KMS keys (decision 006): the key_admin_role_arn input, or the role this module created."
  value       = local.key_admin_role_arn
}

output "trail" {
  description = "The account trail (trail.tf): its ARN and name, its home region (the primary), whether it records management events, its log bucket (name, ARN), the ARN of the key its log files are encrypted with, and the log files' default Object Lock retention. Security rules that match CloudTrail events need the trail to exist: depend on this output."
  value = {
    arn               = aws_cloudtrail.this.arn
    name              = aws_cloudtrail.this.name
    home_region       = data.aws_region.primary.name
    management_events = var.trail_management_events
    bucket            = module.primary_buckets.trail_bucket
    kms_key_arn       = aws_kms_key.this["trail"].arn
    object_lock       = local.trail_object_lock
  }
}
