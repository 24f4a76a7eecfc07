# Four buckets (config and audit in each region): versioned, SSE-KMS with the region's data key,
# owner-enforced, fully private, TLS-only, noncurrent-version lifecycle, Object Lock on audit. The
# per-bucket settings live in modules/regional-buckets and are checked on that module directly (runs
# with a module block); the runs on global-data check that each region gets its own buckets and key.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

run "four_buckets_named_by_prefix_kind_and_region" {
  command = plan

  assert {
    condition = toset([for b in [output.primary.config_bucket, output.primary.audit_bucket, output.secondary.config_bucket, output.secondary.audit_bucket] : b.name]) == toset([
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

run "each_region_encrypts_its_buckets_with_its_own_data_key" {
  command = plan

  assert {
    condition     = module.primary_buckets.kms_key_arn == "arn:aws:kms:us-east-1:111122223333:key/mrk-data" && module.primary_buckets.region == "us-east-1"
    error_message = "primary buckets must use SSE-KMS with the primary data key"
  }

  assert {
    condition     = module.secondary_buckets.kms_key_arn == "arn:aws:kms:us-east-2:111122223333:key/mrk-data" && module.secondary_buckets.region == "us-east-2"
    error_message = "secondary buckets must use SSE-KMS with the replica data key"
  }
}

# --- One region's buckets (modules/regional-buckets), here in the secondary --------------------------

run "buckets_are_versioned_encrypted_and_private" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.secondary
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 90
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition     = toset([for b in aws_s3_bucket.this : b.bucket]) == toset(["trading-dev-111122223333-config-us-east-2", "trading-dev-111122223333-audit-us-east-2"])
    error_message = "one config and one audit bucket, named <prefix>-<kind>-<region>"
  }

  assert {
    condition     = length(aws_s3_bucket_versioning.this) == 2 && alltrue([for v in values(aws_s3_bucket_versioning.this) : one(v.versioning_configuration).status == "Enabled"])
    error_message = "versioning must be Enabled on both buckets"
  }

  assert {
    condition = alltrue([for k, e in aws_s3_bucket_server_side_encryption_configuration.this :
      one(one(e.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
      && one(one(e.rule).apply_server_side_encryption_by_default).kms_master_key_id == "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
      && one(e.rule).bucket_key_enabled
    ]) && length(aws_s3_bucket_server_side_encryption_configuration.this) == 2
    error_message = "both buckets must use SSE-KMS with the region's data key (kms_key_arn) and bucket keys"
  }

  assert {
    condition     = length(aws_s3_bucket_ownership_controls.this) == 2 && alltrue([for o in values(aws_s3_bucket_ownership_controls.this) : one(o.rule).object_ownership == "BucketOwnerEnforced"])
    error_message = "ownership must be BucketOwnerEnforced on both buckets"
  }

  assert {
    condition = length(aws_s3_bucket_public_access_block.this) == 2 && alltrue([for p in values(aws_s3_bucket_public_access_block.this) :
      p.block_public_acls && p.block_public_policy && p.ignore_public_acls && p.restrict_public_buckets
    ])
    error_message = "all four public access block flags must be on for both buckets"
  }
}

run "rejects_a_data_key_from_the_other_region" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.secondary
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 90
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  expect_failures = [aws_s3_bucket_server_side_encryption_configuration.this]
}

run "bucket_policies_deny_insecure_transport" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.secondary
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 90
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition     = alltrue([for k, p in aws_s3_bucket_policy.this : p.policy == data.aws_iam_policy_document.bucket[k].json]) && length(aws_s3_bucket_policy.this) == 2
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
    condition     = data.aws_iam_policy_document.bucket["audit"].statement[0].resources == toset(["arn:aws:s3:::trading-dev-111122223333-audit-us-east-2", "arn:aws:s3:::trading-dev-111122223333-audit-us-east-2/*"])
    error_message = "the TLS deny must cover the bucket and its objects"
  }
}

run "noncurrent_versions_expire_after_input_days" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.primary
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 45
  }

  assert {
    condition = length(aws_s3_bucket_lifecycle_configuration.this) == 2 && alltrue([for l in values(aws_s3_bucket_lifecycle_configuration.this) :
      l.rule[0].status == "Enabled" && l.rule[0].noncurrent_version_expiration[0].noncurrent_days == 45
    ])
    error_message = "every bucket must expire noncurrent versions after noncurrent_version_expiration_days"
  }
}

run "object_lock_only_on_audit_buckets_in_governance_mode" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.primary
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 90
    audit_object_lock                  = { mode = "GOVERNANCE", days = 7 }
  }

  assert {
    condition     = aws_s3_bucket.this["audit"].object_lock_enabled && !aws_s3_bucket.this["config"].object_lock_enabled
    error_message = "the audit bucket must be created with Object Lock, the config bucket without"
  }

  assert {
    condition     = keys(aws_s3_bucket_object_lock_configuration.this) == ["audit"]
    error_message = "only the audit bucket gets an Object Lock configuration"
  }

  assert {
    condition = alltrue([for c in values(aws_s3_bucket_object_lock_configuration.this) :
      c.rule[0].default_retention[0].mode == "GOVERNANCE" && c.rule[0].default_retention[0].days == 7
    ])
    error_message = "default retention must follow audit_object_lock"
  }
}

run "object_lock_compliance_mode_from_input" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.secondary
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    noncurrent_version_expiration_days = 90
    audit_object_lock                  = { mode = "COMPLIANCE", days = 2555 }
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition = alltrue([for c in values(aws_s3_bucket_object_lock_configuration.this) :
      c.rule[0].default_retention[0].mode == "COMPLIANCE" && c.rule[0].default_retention[0].days == 2555
    ])
    error_message = "COMPLIANCE mode and days must reach the audit bucket"
  }
}
