# Both providers in one region: the replica keys' precondition must stop the plan.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

# File-level overrides win over the shared mock's: both providers report us-east-1 here.
override_data {
  target = data.aws_region.secondary
  values = { name = "us-east-1" }
}

run "rejects_same_primary_and_secondary_region" {
  command = plan

  expect_failures = [aws_kms_replica_key.this]
}
