# Both providers in one region: the replica keys' precondition must stop the plan.
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
    defaults = { name = "us-east-1" }
  }
}

variables {
  name_prefix = "trading-dev"
  environment = "dev"
}

run "rejects_same_primary_and_secondary_region" {
  command = plan

  expect_failures = [aws_kms_replica_key.this]
}
