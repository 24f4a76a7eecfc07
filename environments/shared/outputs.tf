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
