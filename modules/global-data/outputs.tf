output "regions" {
  description = "Per-region handles for regional-stack: the region name, that region's key ARNs (database, data, logs), the sessions table ARN in that region (the replica's in the secondary) and that region's config and audit buckets. Each region only ever uses its own."
  value = {
    for role, region in local.regions : role => {
      region             = region
      kms_key_arns       = local.kms_key_arns[role]
      sessions_table_arn = local.sessions_table_arns[role]
      config_bucket = {
        name = local.bucket_resources["${role}-config"].bucket
        arn  = local.bucket_resources["${role}-config"].arn
      }
      audit_bucket = {
        name = local.bucket_resources["${role}-audit"].bucket
        arn  = local.bucket_resources["${role}-audit"].arn
      }
    }
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
