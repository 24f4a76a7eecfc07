output "zone_id" {
  description = "Hosted zone ID: set it as hosted_zone_id in environments/<env>/terraform.tfvars."
  value       = aws_route53_zone.this.zone_id
}

output "zone_name" {
  description = "The zone's DNS name."
  value       = aws_route53_zone.this.name
}

output "name_servers" {
  description = "The zone's four name servers: the NS records to create for zone_name in the parent zone."
  value       = aws_route53_zone.this.name_servers
}

output "parent_zone_records" {
  description = "The delegation as zone-file lines for the parent zone (TTL two days, as Route 53's own NS records)."
  value       = join("\n", [for ns in aws_route53_zone.this.name_servers : "${aws_route53_zone.this.name}. 172800 IN NS ${trimsuffix(ns, ".")}."])
}
