output "region" {
  description = "Region this instance runs in."
  value       = local.region
}

output "vpc_id" {
  description = "ID of this region's VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "IDs of the three private subnets."
  value       = [for s in aws_subnet.private : s.id]
}
