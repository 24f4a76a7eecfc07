# Four buckets (config and audit in each region): versioned, SSE-KMS with the region's data key,
# owner-enforced, fully private, TLS-only, noncurrent-version lifecycle, Object Lock on audit.
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

run "four_buckets_named_by_prefix_kind_and_region" {
  command = plan

  assert {
    condition = toset(concat([for b in aws_s3_bucket.primary : b.bucket], [for b in aws_s3_bucket.secondary : b.bucket])) == toset([
      "trading-dev-111122223333-config-us-east-1",
      "trading-dev-111122223333-audit-us-east-1",
      "trading-dev-111122223333-config-us-east-2",
      "trading-dev-111122223333-audit-us-east-2",
    ])
    error_message = "expected a config and an audit bucket in each region, named <prefix>-<kind>-<region>"
  }

  assert {
    condition     = output.secondary.audit_bucket == { name = "trading-dev-111122223333-audit-us-east-2", arn = "arn:aws:s3:::mock-secondary-audit" }
    error_message = "the secondary gets its own audit bucket"
  }

  assert {
    condition     = output.primary.config_bucket == { name = "trading-dev-111122223333-config-us-east-1", arn = "arn:aws:s3:::mock-primary-config" }
    error_message = "the primary gets its own config bucket"
  }

  assert {
    condition     = output.primary.audit_bucket == { name = "trading-dev-111122223333-audit-us-east-1", arn = "arn:aws:s3:::mock-primary-audit" }
    error_message = "the primary gets its own audit bucket"
  }

  assert {
    condition     = output.secondary.config_bucket == { name = "trading-dev-111122223333-config-us-east-2", arn = "arn:aws:s3:::mock-secondary-config" }
    error_message = "the secondary gets its own config bucket"
  }

  assert {
    condition     = output.primary.region == "us-east-1" && output.secondary.region == "us-east-2"
    error_message = "each region's handles name that region"
  }
}

run "buckets_are_versioned_encrypted_and_private" {
  command = plan

  assert {
    condition     = length(aws_s3_bucket_versioning.primary) == 2 && length(aws_s3_bucket_versioning.secondary) == 2 && alltrue([for v in concat(values(aws_s3_bucket_versioning.primary), values(aws_s3_bucket_versioning.secondary)) : one(v.versioning_configuration).status == "Enabled"])
    error_message = "versioning must be Enabled on all four buckets"
  }

  assert {
    condition = alltrue([for k, e in aws_s3_bucket_server_side_encryption_configuration.primary :
      one(one(e.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
      && one(one(e.rule).apply_server_side_encryption_by_default).kms_master_key_id == "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
      && one(e.rule).bucket_key_enabled
    ]) && length(aws_s3_bucket_server_side_encryption_configuration.primary) == 2
    error_message = "primary buckets must use SSE-KMS with the primary data key and bucket keys"
  }

  assert {
    condition = alltrue([for k, e in aws_s3_bucket_server_side_encryption_configuration.secondary :
      one(one(e.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
      && one(one(e.rule).apply_server_side_encryption_by_default).kms_master_key_id == "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
      && one(e.rule).bucket_key_enabled
    ]) && length(aws_s3_bucket_server_side_encryption_configuration.secondary) == 2
    error_message = "secondary buckets must use SSE-KMS with the replica data key and bucket keys"
  }

  assert {
    condition     = length(aws_s3_bucket_ownership_controls.primary) + length(aws_s3_bucket_ownership_controls.secondary) == 4 && alltrue([for o in concat(values(aws_s3_bucket_ownership_controls.primary), values(aws_s3_bucket_ownership_controls.secondary)) : one(o.rule).object_ownership == "BucketOwnerEnforced"])
    error_message = "ownership must be BucketOwnerEnforced on all four buckets"
  }

  assert {
    condition = length(aws_s3_bucket_public_access_block.primary) + length(aws_s3_bucket_public_access_block.secondary) == 4 && alltrue([for p in concat(values(aws_s3_bucket_public_access_block.primary), values(aws_s3_bucket_public_access_block.secondary)) :
      p.block_public_acls && p.block_public_policy && p.ignore_public_acls && p.restrict_public_buckets
    ])
    error_message = "all four public access block flags must be on for all four buckets"
  }
}

run "bucket_policies_deny_insecure_transport" {
  command = plan

  assert {
    condition     = alltrue([for k, p in merge(aws_s3_bucket_policy.primary, aws_s3_bucket_policy.secondary) : p.policy == data.aws_iam_policy_document.bucket[k].json]) && length(merge(aws_s3_bucket_policy.primary, aws_s3_bucket_policy.secondary)) == 4
    error_message = "each bucket must carry its own policy document"
  }

  assert {
    condition = alltrue([for k, d in data.aws_iam_policy_document.bucket :
      d.statement[0].effect == "Deny"
      && d.statement[0].actions == toset(["s3:*"])
      && one(d.statement[0].condition) == { test = "Bool", variable = "aws:SecureTransport", values = tolist(["false"]) }
    ])
    error_message = "each bucket policy must deny every action without TLS"
  }

  assert {
    condition     = data.aws_iam_policy_document.bucket["secondary-audit"].statement[0].resources == toset(["arn:aws:s3:::trading-dev-111122223333-audit-us-east-2", "arn:aws:s3:::trading-dev-111122223333-audit-us-east-2/*"])
    error_message = "the TLS deny must cover the bucket and its objects"
  }
}

run "noncurrent_versions_expire_after_input_days" {
  command = plan

  variables {
    noncurrent_version_expiration_days = 45
  }

  assert {
    condition = length(aws_s3_bucket_lifecycle_configuration.primary) + length(aws_s3_bucket_lifecycle_configuration.secondary) == 4 && alltrue([for l in concat(values(aws_s3_bucket_lifecycle_configuration.primary), values(aws_s3_bucket_lifecycle_configuration.secondary)) :
      l.rule[0].status == "Enabled" && l.rule[0].noncurrent_version_expiration[0].noncurrent_days == 45
    ])
    error_message = "every bucket must expire noncurrent versions after noncurrent_version_expiration_days"
  }
}

run "object_lock_only_on_audit_buckets_in_governance_mode" {
  command = plan

  variables {
    audit_object_lock = { mode = "GOVERNANCE", days = 7 }
  }

  assert {
    condition     = aws_s3_bucket.primary["primary-audit"].object_lock_enabled && aws_s3_bucket.secondary["secondary-audit"].object_lock_enabled
    error_message = "both audit buckets must be created with Object Lock"
  }

  assert {
    condition     = !aws_s3_bucket.primary["primary-config"].object_lock_enabled && !aws_s3_bucket.secondary["secondary-config"].object_lock_enabled
    error_message = "config buckets must not have Object Lock"
  }

  assert {
    condition     = keys(aws_s3_bucket_object_lock_configuration.primary) == ["primary-audit"] && keys(aws_s3_bucket_object_lock_configuration.secondary) == ["secondary-audit"]
    error_message = "only the audit buckets get an Object Lock configuration"
  }

  assert {
    condition = alltrue([for c in concat(values(aws_s3_bucket_object_lock_configuration.primary), values(aws_s3_bucket_object_lock_configuration.secondary)) :
      c.rule[0].default_retention[0].mode == "GOVERNANCE" && c.rule[0].default_retention[0].days == 7
    ])
    error_message = "default retention must follow audit_object_lock"
  }
}

run "object_lock_compliance_mode_from_input" {
  command = plan

  variables {
    audit_object_lock = { mode = "COMPLIANCE", days = 2555 }
  }

  assert {
    condition = alltrue([for c in concat(values(aws_s3_bucket_object_lock_configuration.primary), values(aws_s3_bucket_object_lock_configuration.secondary)) :
      c.rule[0].default_retention[0].mode == "COMPLIANCE" && c.rule[0].default_retention[0].days == 2555
    ])
    error_message = "COMPLIANCE mode and days must reach both audit buckets"
  }
}
