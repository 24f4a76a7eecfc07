# Both providers in one region: the replica keys' precondition must stop the plan.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

override_data {
  target = data.aws_region.primary
  values = { name = "us-east-1" }
}

override_data {
  target = data.aws_region.secondary
  values = { name = "us-east-1" }
}

variables {
  name_prefix        = "trading-dev"
  environment        = "dev"
  account_id         = "111122223333"
  bucket_name_prefix = "trading-dev-111122223333"
  audit_object_lock  = { mode = "GOVERNANCE", days = 1 }
}

run "rejects_same_primary_and_secondary_region" {
  command = plan

  expect_failures = [aws_kms_replica_key.this]
}
