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

output "ds_record" {
  description = "The DS record of the zone's key-signing key, for the parent zone: publish it (name zone_name, type DS) only after the steps in README.md (\"DNSSEC and query logging\"). Until then the zone is signed but not validated."
  value       = aws_route53_key_signing_key.this.ds_record
}

output "dnssec_key_arn" {
  description = "The asymmetric KMS key (ECC_NIST_P256, us-east-1) behind the key-signing key. Disabling or deleting it breaks resolution of the zone for validating resolvers once the DS record is published."
  value       = aws_kms_key.dnssec.arn
}

output "query_log_group" {
  description = "The CloudWatch Logs group (us-east-1) that receives the zone's DNS query log."
  value       = aws_cloudwatch_log_group.query_log.name
}
