data "aws_region" "primary" {
  provider = aws.primary
}

data "aws_region" "secondary" {
  provider = aws.secondary
}

# Partition and DNS suffix come from the provider configuration, so ARNs and service names are
# right in every partition without calling AWS (works offline, unlike aws_caller_identity).
data "aws_partition" "current" {
  provider = aws.primary
}

locals {
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix

  # The two roles are fixed; region names come from the providers the caller passes in.
  regions = {
    primary   = data.aws_region.primary.name
    secondary = data.aws_region.secondary.name
  }
  peer_of = {
    primary   = "secondary"
    secondary = "primary"
  }

  # Each region only ever uses its own keys: the primary keys in the primary, their replicas in the
  # secondary.
  kms_key_arns = {
    primary   = { for domain, key in aws_kms_key.this : domain => key.arn }
    secondary = { for domain, key in aws_kms_replica_key.this : domain => key.arn }
  }
}
