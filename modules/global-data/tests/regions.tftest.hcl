mock_provider "aws" {
  alias = "primary"
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000001" }
  }
}

mock_provider "aws" {
  alias = "secondary"
  mock_data "aws_region" {
    defaults = { name = "us-east-2" }
  }
}

variables {
  name_prefix = "trading-dev"
  environment = "dev"
}

run "keys_are_multi_region_with_rotation" {
  command = plan

  assert {
    condition     = alltrue([for k in aws_kms_key.this : k.multi_region && k.enable_key_rotation])
    error_message = "every primary key must be multi-region with rotation on"
  }

  assert {
    condition     = toset(keys(aws_kms_replica_key.this)) == toset(keys(aws_kms_key.this))
    error_message = "every primary key needs a replica in the secondary region"
  }
}

run "rejects_unknown_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}
