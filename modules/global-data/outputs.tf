output "regions" {
  description = "Per-region handles for regional-stack: the region name and that region's key ARNs (each region only ever uses its own keys)."
  value = {
    primary = {
      region       = data.aws_region.primary.name
      kms_key_arns = { for k, key in aws_kms_key.this : k => key.arn }
    }
    secondary = {
      region       = data.aws_region.secondary.name
      kms_key_arns = { for k, key in aws_kms_replica_key.this : k => key.arn }
    }
  }
}
