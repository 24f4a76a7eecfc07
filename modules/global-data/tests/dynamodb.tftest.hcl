# The sessions global table: on demand, userId key, TTL, streams, PITR and a CMK in both regions.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

run "table_is_keyed_by_user_with_ttl_and_streams" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.sessions.name == "trading-dev-sessions" && aws_dynamodb_table.sessions.billing_mode == "PAY_PER_REQUEST"
    error_message = "the sessions table must be on-demand and named after name_prefix"
  }

  assert {
    condition     = aws_dynamodb_table.sessions.hash_key == "userId" && aws_dynamodb_table.sessions.attribute == toset([{ name = "userId", type = "S" }])
    error_message = "the table must be keyed by the string userId (one session per user)"
  }

  assert {
    condition     = one(aws_dynamodb_table.sessions.ttl).enabled && one(aws_dynamodb_table.sessions.ttl).attribute_name == "expiresAt" && output.session_ttl_attribute == "expiresAt"
    error_message = "TTL must be enabled on expiresAt"
  }

  assert {
    condition     = aws_dynamodb_table.sessions.stream_enabled && aws_dynamodb_table.sessions.stream_view_type == "NEW_AND_OLD_IMAGES"
    error_message = "global tables need streams with NEW_AND_OLD_IMAGES"
  }

  assert {
    condition     = aws_dynamodb_table.sessions.deletion_protection_enabled
    error_message = "deletion protection defaults to on"
  }
}

run "table_and_replica_use_their_regions_data_key_and_pitr" {
  command = plan

  assert {
    condition     = one(aws_dynamodb_table.sessions.point_in_time_recovery).enabled
    error_message = "PITR must be on for the table"
  }

  assert {
    condition     = one(aws_dynamodb_table.sessions.server_side_encryption).enabled && one(aws_dynamodb_table.sessions.server_side_encryption).kms_key_arn == "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    error_message = "the table must be encrypted with the primary data key"
  }

  assert {
    condition     = length(aws_dynamodb_table.sessions.replica) == 1
    error_message = "the table needs exactly one replica"
  }

  assert {
    condition     = one(aws_dynamodb_table.sessions.replica).region_name == "us-east-2"
    error_message = "the replica must live in the secondary region"
  }

  assert {
    condition     = one(aws_dynamodb_table.sessions.replica).point_in_time_recovery
    error_message = "PITR must be on for the replica"
  }

  assert {
    condition     = one(aws_dynamodb_table.sessions.replica).kms_key_arn == "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
    error_message = "the replica must be encrypted with the secondary region's replica data key"
  }
}

run "each_region_gets_its_own_table_arn" {
  command = plan

  assert {
    condition     = output.primary.sessions_table_arn == aws_dynamodb_table.sessions.arn
    error_message = "the primary gets the table ARN"
  }

  assert {
    condition     = output.secondary.sessions_table_arn == one(aws_dynamodb_table.sessions.replica).arn && output.secondary.sessions_table_arn != aws_dynamodb_table.sessions.arn
    error_message = "the secondary gets the replica's ARN, never the primary table's"
  }

  assert {
    condition     = output.sessions_table_name == "trading-dev-sessions"
    error_message = "the table name is output for both regions"
  }
}

run "deletion_protection_follows_input" {
  command = plan

  variables {
    deletion_protection = false
  }

  assert {
    condition     = !aws_dynamodb_table.sessions.deletion_protection_enabled
    error_message = "deletion protection must follow the input"
  }
}
