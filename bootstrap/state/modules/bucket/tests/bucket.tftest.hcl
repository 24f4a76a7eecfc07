# One region's state bucket: versioned, SSE-KMS with its own rotating key, no public access, owner
# enforced, TLS 1.2+ only, replaced versions kept for the configured days.
mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::trading-tfstate-210987654321-us-east-1", id = "trading-tfstate-210987654321-us-east-1" }
}

variables {
  name                               = "trading-tfstate-210987654321-us-east-1"
  noncurrent_version_expiration_days = 365
}

run "bucket" {
  command = apply

  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled" && output.versioning_status == "Enabled"
    error_message = "state buckets are versioned"
  }

  assert {
    condition = (
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms" &&
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].kms_master_key_id == aws_kms_key.this.arn &&
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled
    )
    error_message = "objects are encrypted by default with the bucket's own KMS key"
  }

  assert {
    condition     = aws_kms_key.this.enable_key_rotation && aws_kms_key.this.deletion_window_in_days == 30 && output.kms_key_arn == aws_kms_key.this.arn
    error_message = "the key rotates and cannot be deleted in a hurry"
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.this.block_public_acls && aws_s3_bucket_public_access_block.this.block_public_policy &&
      aws_s3_bucket_public_access_block.this.ignore_public_acls && aws_s3_bucket_public_access_block.this.restrict_public_buckets &&
      aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerEnforced"
    )
    error_message = "no public access and no ACLs"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.tls_only.statement[0].effect == "Deny" &&
      one(data.aws_iam_policy_document.tls_only.statement[0].condition) == { test = "Bool", variable = "aws:SecureTransport", values = tolist(["false"]) } &&
      one(data.aws_iam_policy_document.tls_only.statement[1].condition) == { test = "NumericLessThan", variable = "s3:TlsVersion", values = tolist(["1.2"]) } &&
      toset(data.aws_iam_policy_document.tls_only.statement[0].resources) == toset(["arn:aws:s3:::trading-tfstate-210987654321-us-east-1", "arn:aws:s3:::trading-tfstate-210987654321-us-east-1/*"])
    )
    error_message = "the bucket policy refuses plain HTTP and TLS below 1.2 on the bucket and its objects"
  }

  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.this.rule).noncurrent_version_expiration[0].noncurrent_days == 365
    error_message = "replaced state versions are kept for noncurrent_version_expiration_days"
  }
}

run "short_history_refused" {
  command = plan

  variables {
    noncurrent_version_expiration_days = 7
  }

  expect_failures = [var.noncurrent_version_expiration_days]
}

run "bad_name_refused" {
  command = plan

  variables {
    name = "Trading_State"
  }

  expect_failures = [var.name]
}
