output "regions" {
  description = "Region names of the primary and secondary stacks."
  value = {
    primary   = module.region_primary.region
    secondary = module.region_secondary.region
  }
}

output "hosted_zone_id" {
  description = "Route 53 hosted zone of the shared API name."
  value       = module.failover.hosted_zone_id
}

output "database_writer_endpoint" {
  description = "Global writer endpoint of the Aurora global database: always resolves to the current writer region's cluster."
  value       = module.global_data.global_cluster.writer_endpoint
}

output "sessions_table_name" {
  description = "DynamoDB sessions global table (same name in both regions)."
  value       = module.global_data.sessions_table_name
}

output "buckets" {
  description = "Config and audit bucket names per region; each pair replicates both ways."
  value = {
    for role, r in module.global_data.regions : role => {
      config = r.config_bucket.name
      audit  = r.audit_bucket.name
    }
  }
}
