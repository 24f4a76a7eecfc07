output "name" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.id
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "region" {
  description = "Region the bucket is in."
  value       = data.aws_region.current.name
}

output "kms_key_arn" {
  description = "ARN of the bucket's KMS key (the backend's kms_key_id)."
  value       = aws_kms_key.this.arn
}

output "versioning_status" {
  description = "Versioning status; replication may only be configured once it is Enabled."
  value       = aws_s3_bucket_versioning.this.versioning_configuration[0].status
}
