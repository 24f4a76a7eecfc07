# Every input validation and precondition of the module, each with one bad value.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

run "rejects_a_short_account_id" {
  command = plan
  variables {
    account_id = "12345"
  }
  expect_failures = [var.account_id]
}

run "rejects_bucket_prefix_with_dots_or_capitals" {
  command = plan
  variables {
    bucket_name_prefix = "Trading.dev"
  }
  expect_failures = [var.bucket_name_prefix]
}

run "rejects_bucket_prefix_ending_in_a_hyphen" {
  command = plan
  variables {
    bucket_name_prefix = "trading-dev-"
  }
  expect_failures = [var.bucket_name_prefix]
}

run "rejects_reserved_bucket_prefix" {
  command = plan
  variables {
    bucket_name_prefix = "xn--trading"
  }
  expect_failures = [var.bucket_name_prefix]
}

# The full name's length depends on the region, so the bucket module checks it (a precondition on its
# buckets); global-data validates the prefix's characters.
run "rejects_bucket_names_longer_than_63" {
  command = plan
  module {
    source = "./modules/regional-buckets"
  }
  providers = {
    aws = aws.primary
  }
  variables {
    # 47 + "-config-us-east-1" (17) = 64.
    bucket_name_prefix                 = "trading-dev-111122223333-with-a-long-suffix-xyz"
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 90
  }
  expect_failures = [aws_s3_bucket.this]
}

run "accepts_a_bucket_name_of_exactly_63" {
  command = plan
  variables {
    # 46 + "-config-us-east-1" (17) = 63.
    bucket_name_prefix = "trading-dev-111122223333-with-a-long-suffix-xx"
  }
  assert {
    condition     = length(output.primary.config_bucket.name) == 63
    error_message = "a 63-character bucket name is valid"
  }
}

run "rejects_engine_version_without_minor" {
  command = plan
  variables {
    aurora_engine_version = "16"
  }
  expect_failures = [var.aurora_engine_version]
}

run "rejects_unsupported_engine_major" {
  command = plan
  variables {
    aurora_engine_version = "11.9"
  }
  expect_failures = [var.aurora_engine_version]
}

run "rejects_malformed_database_name" {
  command = plan
  variables {
    database_name = "1trading"
  }
  expect_failures = [var.database_name]
}

run "rejects_reserved_database_name" {
  command = plan
  variables {
    database_name = "postgres"
  }
  expect_failures = [var.database_name]
}

run "rejects_unknown_object_lock_mode" {
  command = plan
  variables {
    audit_object_lock = { mode = "compliance", days = 30 }
  }
  expect_failures = [var.audit_object_lock]
}

run "rejects_zero_retention_days" {
  command = plan
  variables {
    audit_object_lock = { mode = "COMPLIANCE", days = 0 }
  }
  expect_failures = [var.audit_object_lock]
}

run "rejects_fractional_retention_days" {
  command = plan
  variables {
    audit_object_lock = { mode = "GOVERNANCE", days = 1.5 }
  }
  expect_failures = [var.audit_object_lock]
}

run "rejects_zero_noncurrent_days" {
  command = plan
  variables {
    noncurrent_version_expiration_days = 0
  }
  expect_failures = [var.noncurrent_version_expiration_days]
}

run "rejects_bad_name_prefix" {
  command = plan
  variables {
    name_prefix = "Trading_Dev"
  }
  expect_failures = [var.name_prefix]
}

run "rejects_unknown_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}
