# The account trail (trail.tf): multi-region, validated, encrypted with the trail key, management events
# and the audit buckets' object-level events of both regions; its log bucket in each region (kind trail
# of modules/regional-buckets) with the bucket policy AWS documents for CloudTrail; the trail key's
# CloudTrail statements. The bucket policy JSON is rendered by the real provider offline, as in
# bucket_policies.tftest.hcl.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

provider "aws" {
  alias                       = "offline"
  region                      = "us-east-1"
  access_key                  = "offline-mock-access-key"
  secret_key                  = "offline-mock-secret-key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

run "one_multi_region_validated_encrypted_trail_in_the_primary" {
  command = plan

  assert {
    condition = (
      aws_cloudtrail.this.name == "trading-dev-trail"
      && aws_cloudtrail.this.is_multi_region_trail
      && aws_cloudtrail.this.include_global_service_events
      && aws_cloudtrail.this.enable_log_file_validation
      && aws_cloudtrail.this.enable_logging
    )
    error_message = "the trail must be multi-region, include global service events, validate its log files and log"
  }

  assert {
    condition     = aws_cloudtrail.this.kms_key_id == "arn:aws:kms:us-east-1:111122223333:key/mrk-trail" && aws_cloudtrail.this.s3_bucket_name == "trading-dev-111122223333-trail-us-east-1"
    error_message = "the trail must encrypt with the primary trail key and deliver to the primary's trail bucket"
  }

  assert {
    condition = output.trail == {
      arn               = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail"
      name              = "trading-dev-trail"
      home_region       = "us-east-1"
      management_events = true
      bucket            = { name = "trading-dev-111122223333-trail-us-east-1", arn = "arn:aws:s3:::mock-primary-trail" }
      kms_key_arn       = "arn:aws:kms:us-east-1:111122223333:key/mrk-trail"
      object_lock       = { mode = "GOVERNANCE", days = 1 }
    }
    error_message = "the trail output must give the trail's ARN (which security rules depend on), its home region, bucket and key"
  }

  assert {
    condition     = !contains(keys(output.primary.kms_key_arns), "trail") && !contains(keys(output.secondary.kms_key_arns), "trail")
    error_message = "the regional stacks get no handle on the trail key"
  }
}

run "trail_records_management_events_and_both_audit_buckets_objects" {
  command = plan

  assert {
    condition = toset([for s in aws_cloudtrail.this.advanced_event_selector :
      join(" | ", sort([for f in s.field_selector : "${f.field} equals=${try(join(",", f.equals), "")} starts_with=${try(join(",", f.starts_with), "")}"]))
      ]) == toset([
      "eventCategory equals=Management starts_with=",
      join(" | ", [
        "eventCategory equals=Data starts_with=",
        "resources.ARN equals= starts_with=arn:aws:s3:::trading-dev-111122223333-audit-us-east-1/,arn:aws:s3:::trading-dev-111122223333-audit-us-east-2/",
        "resources.type equals=AWS::S3::Object starts_with=",
      ]),
    ])
    error_message = "the trail must select management events, and S3 object events whose ARN starts with each region's audit bucket ARN and a slash"
  }
}

# An organization trail already records management events: this trail keeps the audit buckets' data events.
run "without_management_events_the_audit_data_events_stay" {
  command = plan

  variables {
    trail_management_events = false
  }

  assert {
    condition = length(aws_cloudtrail.this.advanced_event_selector) == 1 && anytrue([for f in aws_cloudtrail.this.advanced_event_selector[0].field_selector :
    f.field == "resources.ARN" && try(f.starts_with, []) == tolist(["arn:aws:s3:::trading-dev-111122223333-audit-us-east-1/", "arn:aws:s3:::trading-dev-111122223333-audit-us-east-2/"])])
    error_message = "with trail_management_events = false the trail must select only the audit buckets' object events"
  }
}

run "the_trail_key_admits_cloudtrail_for_this_trail_only" {
  command = plan

  assert {
    condition = alltrue([for region in ["primary", "secondary"] :
      length([for st in data.aws_iam_policy_document.key["${region}-trail"].statement : st if st.sid == "CloudTrailEncryptLogs"
        && toset(st.actions) == toset(["kms:GenerateDataKey*"])
        && one(st.principals).identifiers == toset(["cloudtrail.amazonaws.com"])
        && toset([for c in st.condition : "${c.test} ${c.variable} ${join(",", c.values)}"]) == toset([
          "StringEquals aws:SourceArn arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail",
          "StringEquals kms:EncryptionContext:aws:cloudtrail:arn arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail",
        ])
      ]) == 1
    ])
    error_message = "the trail key must let CloudTrail generate data keys only for this trail (aws:SourceArn and the aws:cloudtrail:arn encryption context)"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.key["primary-trail"].statement : st if st.sid == "CloudTrailDescribeKey"
      && toset(st.actions) == toset(["kms:DescribeKey"])
      && toset([for c in st.condition : "${c.test} ${c.variable} ${join(",", c.values)}"]) == toset(["StringEquals aws:SourceArn arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail"])
    ]) == 1
    error_message = "CloudTrail may describe the trail key for this trail"
  }

  assert {
    condition     = alltrue([for k, doc in data.aws_iam_policy_document.key : endswith(k, "-trail") || length([for st in doc.statement : st if startswith(st.sid, "CloudTrail")]) == 0])
    error_message = "only the trail key admits CloudTrail"
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.key["primary-trail"].statement[1].condition).values) == toset(["s3.us-east-1.amazonaws.com"])
    error_message = "principals of the account may use the trail key only through S3 (reading the log files)"
  }

  assert {
    condition     = aws_kms_key.this["trail"].multi_region && aws_kms_key.this["trail"].enable_key_rotation && aws_kms_replica_key.this["trail"].primary_key_arn == aws_kms_key.this["trail"].arn
    error_message = "the trail key is multi-region with rotation, and replicated to the secondary"
  }
}

run "trail_retention_can_differ_from_the_audit_records" {
  command = plan

  variables {
    trail_object_lock = { mode = "COMPLIANCE", days = 2557 }
  }

  assert {
    condition     = output.trail.object_lock == { mode = "COMPLIANCE", days = 2557 }
    error_message = "trail_object_lock must set the trail buckets' retention (without it, the audit records' retention applies: first run)"
  }
}

run "trail_bucket_policy_is_the_one_aws_documents" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.offline
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/security/bucket-admin"
    noncurrent_version_expiration_days = 90
    trail = {
      kms_key_arn    = "arn:aws:kms:us-east-1:111122223333:key/mrk-trail"
      cloudtrail_arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail"
      account_id     = "111122223333"
      object_lock    = { mode = "COMPLIANCE", days = 400 }
    }
  }

  assert {
    condition     = keys(aws_s3_bucket.this) == ["audit", "config", "trail"] && aws_s3_bucket.this["trail"].bucket == "trading-dev-111122223333-trail-us-east-1" && output.trail_bucket.name == "trading-dev-111122223333-trail-us-east-1"
    error_message = "with trail set the module adds <prefix>-trail-<region>"
  }

  assert {
    condition = length([for st in jsondecode(aws_s3_bucket_policy.this["trail"].policy).Statement : st if try(st.Sid, "") == "AWSCloudTrailAclCheck"
      && st.Effect == "Allow"
      && st.Principal == { Service = "cloudtrail.amazonaws.com" }
      && st.Action == "s3:GetBucketAcl"
      && st.Resource == "arn:aws:s3:::trading-dev-111122223333-trail-us-east-1"
      && try(st.Condition, {}) == { StringEquals = { "aws:SourceArn" = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail" } }
    ]) == 1
    error_message = "CloudTrail may read the trail bucket's ACL, for this trail only"
  }

  assert {
    condition = length([for st in jsondecode(aws_s3_bucket_policy.this["trail"].policy).Statement : st if try(st.Sid, "") == "AWSCloudTrailWrite"
      && st.Effect == "Allow"
      && st.Principal == { Service = "cloudtrail.amazonaws.com" }
      && st.Action == "s3:PutObject"
      && st.Resource == "arn:aws:s3:::trading-dev-111122223333-trail-us-east-1/AWSLogs/111122223333/*"
      && try(st.Condition, {}) == { StringEquals = { "aws:SourceArn" = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail", "s3:x-amz-acl" = "bucket-owner-full-control" } }
    ]) == 1
    error_message = "CloudTrail may write this account's log files with bucket-owner-full-control, for this trail only"
  }

  assert {
    condition = length([for st in jsondecode(aws_s3_bucket_policy.this["trail"].policy).Statement : st if try(st.Sid, "") == "DenyOtherKmsKeys"
      && toset(flatten([try(st.Condition.StringNotEqualsIfExists["s3:x-amz-server-side-encryption-aws-kms-key-id"], [])])) == toset(["arn:aws:kms:us-east-1:111122223333:key/mrk-trail"])
    ]) == 1
    error_message = "the trail bucket must refuse any KMS key but the trail key"
  }

  assert {
    condition = alltrue([for k in ["audit", "config"] :
      length([for st in jsondecode(aws_s3_bucket_policy.this[k].policy).Statement : st if startswith(try(st.Sid, ""), "AWSCloudTrail")]) == 0
    ])
    error_message = "only the trail bucket lets CloudTrail write"
  }

  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.this["trail"].rule).apply_server_side_encryption_by_default).kms_master_key_id == "arn:aws:kms:us-east-1:111122223333:key/mrk-trail"
      && !one(aws_s3_bucket_server_side_encryption_configuration.this["trail"].rule).bucket_key_enabled
      && one(aws_s3_bucket_server_side_encryption_configuration.this["audit"].rule).bucket_key_enabled
    )
    error_message = "the trail bucket encrypts with the trail key, without a bucket key (CloudTrail's grant is bound to the per-object context)"
  }

  assert {
    condition = (
      aws_s3_bucket.this["trail"].object_lock_enabled
      && one(one(aws_s3_bucket_object_lock_configuration.this["trail"].rule).default_retention).mode == "COMPLIANCE"
      && one(one(aws_s3_bucket_object_lock_configuration.this["trail"].rule).default_retention).days == 400
      && one(one(aws_s3_bucket_object_lock_configuration.this["audit"].rule).default_retention).days == var.audit_object_lock.days
    )
    error_message = "the trail bucket has Object Lock with its own retention; the audit bucket keeps audit_object_lock"
  }

  assert {
    condition     = one(aws_s3_bucket_versioning.this["trail"].versioning_configuration).status == "Enabled" && aws_s3_bucket_public_access_block.this["trail"].restrict_public_buckets && one(aws_s3_bucket_ownership_controls.this["trail"].rule).object_ownership == "BucketOwnerEnforced"
    error_message = "the trail bucket is versioned, private and owner-enforced like the others"
  }

  assert {
    condition = length([for st in jsondecode(aws_s3_bucket_policy.this["trail"].policy).Statement : st if try(st.Sid, "") == "DenyInsecureTransport"
    && try(st.Condition, {}) == { Bool = { "aws:SecureTransport" = "false" } }]) == 1
    error_message = "the trail bucket is TLS-only"
  }
}

run "trail_key_from_another_region_is_refused" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.offline
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/security/bucket-admin"
    noncurrent_version_expiration_days = 90
    trail = {
      kms_key_arn    = "arn:aws:kms:us-east-2:111122223333:key/mrk-trail"
      cloudtrail_arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail"
      account_id     = "111122223333"
      object_lock    = { mode = "COMPLIANCE", days = 400 }
    }
  }

  expect_failures = [aws_s3_bucket_server_side_encryption_configuration.this]
}

run "trail_arn_must_be_a_trail" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.offline
  }

  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:111122223333:key/mrk-data"
    admin_role_arn                     = "arn:aws:iam::111122223333:role/security/bucket-admin"
    noncurrent_version_expiration_days = 90
    trail = {
      kms_key_arn    = "arn:aws:kms:us-east-1:111122223333:key/mrk-trail"
      cloudtrail_arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/*"
      account_id     = "111122223333"
      object_lock    = { mode = "COMPLIANCE", days = 400 }
    }
  }

  expect_failures = [var.trail]
}

run "trail_object_lock_mode_must_be_known" {
  command = plan

  variables {
    trail_object_lock = { mode = "LEGAL", days = 30 }
  }

  expect_failures = [var.trail_object_lock]
}
