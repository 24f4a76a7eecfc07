locals {
  sessions_table_name = "${var.name_prefix}-sessions"
  # The trade processor writes this attribute (epoch seconds); renaming it needs a code change too.
  session_ttl_attribute = "expiresAt"
}

# Sessions: one item per user (the trade processor upserts by userId), expired by DynamoDB TTL.
# A 2019.11.21 global table: the primary table plus a replica in the secondary region, each
# encrypted with its own region's data key.
resource "aws_dynamodb_table" "sessions" {
  provider = aws.primary

  name                        = local.sessions_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "userId"
  deletion_protection_enabled = var.deletion_protection

  # Global tables replicate through the stream; NEW_AND_OLD_IMAGES is what replication requires.
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "userId"
    type = "S"
  }

  ttl {
    attribute_name = local.session_ttl_attribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.this["data"].arn
  }

  # Provider 5.x cannot set deletion protection on a replica
  # (https://github.com/hashicorp/terraform-provider-aws/issues/30213; added to the replica block in
  # 6.x by https://github.com/hashicorp/terraform-provider-aws/pull/43240), so deletion_protection
  # covers the primary table.
  replica {
    region_name            = local.regions.secondary
    kms_key_arn            = aws_kms_replica_key.this["data"].arn
    point_in_time_recovery = true
    propagate_tags         = true
  }
}
