output "hosted_zone_id" {
  description = "Route 53 hosted zone that holds the failover records."
  value       = local.zone_id
}
