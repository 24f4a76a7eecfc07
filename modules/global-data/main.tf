data "aws_region" "primary" {
  provider = aws.primary
}

data "aws_region" "secondary" {
  provider = aws.secondary
}

locals {
  # One key per data domain, so a grant on queue data never opens the database.
  key_domains = {
    database = "Aurora cluster storage and snapshots"
    data     = "DynamoDB sessions table and S3 buckets"
    logs     = "CloudWatch log groups, SQS queues and SNS topics"
  }
}

resource "aws_kms_key" "this" {
  for_each = local.key_domains
  provider = aws.primary

  description             = "${var.name_prefix} ${each.key}: ${each.value}"
  multi_region            = true
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_replica_key" "this" {
  for_each = local.key_domains
  provider = aws.secondary

  description             = "${var.name_prefix} ${each.key} (replica): ${each.value}"
  primary_key_arn         = aws_kms_key.this[each.key].arn
  deletion_window_in_days = 30

  lifecycle {
    precondition {
      condition     = data.aws_region.primary.name != data.aws_region.secondary.name
      error_message = "The primary and secondary providers point at the same region; a replica must live in the other region."
    }
  }
}
