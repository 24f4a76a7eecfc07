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
  values = { name = "us-east-2" }
}

variables {
  name_prefix        = "trading-dev"
  environment        = "dev"
  account_id         = "111122223333"
  bucket_name_prefix = "trading-dev-111122223333"
  audit_object_lock  = { mode = "GOVERNANCE", days = 1 }
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
