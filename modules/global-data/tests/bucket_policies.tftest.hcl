# Issue 15 hardening of the config and audit buckets (docs/threat-model.md, threats 6 and 7): each
# bucket policy refuses SSE-C and any KMS key but the bucket's own, and lets only the administration
# role change the Object Lock, replication and lifecycle configuration and the policy itself, while
# replication keeps working. And the logs key admits CloudWatch Logs for the RDS PostgreSQL log group.
#
# The runs on modules/regional-buckets use the real provider, offline (mock credentials, no AWS call
# at plan): every input of the bucket policies is known at plan time there, so the policy JSON S3
# would receive is rendered and decoded here. The runs on global-data use the mocked providers.
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
  region                      = "us-east-2"
  access_key                  = "offline-mock-access-key"
  secret_key                  = "offline-mock-secret-key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variables {
  kms_key_arn                        = "arn:aws:kms:us-east-2:111122223333:key/mrk-data"
  admin_role_arn                     = "arn:aws:iam::111122223333:role/security/bucket-admin"
  noncurrent_version_expiration_days = 90
}

run "bucket_policies_refuse_sse_c_and_other_keys" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.offline
  }

  assert {
    condition     = alltrue([for k, p in aws_s3_bucket_policy.this : jsondecode(p.policy) == jsondecode(data.aws_iam_policy_document.bucket[k].json)]) && length(aws_s3_bucket_policy.this) == 2
    error_message = "each bucket must carry its own policy document"
  }

  assert {
    condition = alltrue([for k, p in aws_s3_bucket_policy.this :
      length([for st in jsondecode(p.policy).Statement : st if try(st.Sid, "") == "DenySseC"
        && st.Effect == "Deny"
        && st.Principal == "*"
        && toset(flatten([st.Action])) == toset(["s3:PutObject"])
        && toset(flatten([st.Resource])) == toset(["arn:aws:s3:::trading-dev-111122223333-${k}-us-east-2/*"])
        && try(st.Condition, {}) == { Null = { "s3:x-amz-server-side-encryption-customer-algorithm" = "false" } }
      ]) == 1
    ])
    error_message = "every bucket policy must deny PutObject that carries an SSE-C algorithm header"
  }

  assert {
    condition = alltrue([for k, p in aws_s3_bucket_policy.this :
      length([for st in jsondecode(p.policy).Statement : st if try(st.Sid, "") == "DenyOtherKmsKeys"
        && st.Effect == "Deny"
        && st.Principal == "*"
        && toset(flatten([st.Action])) == toset(["s3:PutObject"])
        && toset(flatten([st.Resource])) == toset(["arn:aws:s3:::trading-dev-111122223333-${k}-us-east-2/*"])
        && try(st.Condition, {}) == { StringNotEqualsIfExists = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = "arn:aws:kms:us-east-2:111122223333:key/mrk-data" } }
      ]) == 1
    ])
    error_message = "every bucket policy must deny PutObject that names a KMS key other than the bucket's own (kms_key_arn)"
  }

  assert {
    condition = alltrue([for k, e in aws_s3_bucket_server_side_encryption_configuration.this :
      one(one(e.rule).apply_server_side_encryption_by_default).kms_master_key_id == var.kms_key_arn
    ])
    error_message = "the key the policy pins must be the bucket's default encryption key"
  }
}

run "configuration_changes_are_for_the_administrator_only" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.offline
  }

  assert {
    condition = alltrue([for k, p in aws_s3_bucket_policy.this :
      length([for st in jsondecode(p.policy).Statement : st if try(st.Sid, "") == "DenyConfigurationChangesOutsideAdministrator"
        && st.Effect == "Deny"
        && st.Principal == "*"
        && toset(flatten([st.Action])) == toset(["s3:PutBucketObjectLockConfiguration", "s3:PutReplicationConfiguration", "s3:PutLifecycleConfiguration", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"])
        && toset(flatten([st.Resource])) == toset(["arn:aws:s3:::trading-dev-111122223333-${k}-us-east-2"])
        && try(st.Condition, {}) == { ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/security/bucket-admin" } }
      ]) == 1
    ])
    error_message = "every bucket policy must deny Object Lock, replication, lifecycle and policy changes to every principal but the administration role"
  }

  assert {
    condition = alltrue([for k, p in aws_s3_bucket_policy.this :
      length([for st in jsondecode(p.policy).Statement : st if try(st.Sid, "") == "BucketConfigurationAdministrator"
        && st.Effect == "Allow"
        && st.Principal == { AWS = "arn:aws:iam::111122223333:role/security/bucket-admin" }
        && length(setsubtract(["s3:PutBucketObjectLockConfiguration", "s3:PutReplicationConfiguration", "s3:PutLifecycleConfiguration", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], flatten([st.Action]))) == 0
      ]) == 1
    ])
    error_message = "the administration role must be granted the guarded changes by the bucket policy (the default role has no identity policy)"
  }

  # Replication writes replicas with s3:ReplicateObject/ReplicateDelete/ReplicateTags; only the TLS
  # deny (s3:* without TLS) may name them.
  assert {
    condition = alltrue(flatten([for k, p in aws_s3_bucket_policy.this : [for st in jsondecode(p.policy).Statement :
      st.Effect != "Deny" || try(st.Sid, "") == "DenyInsecureTransport" || length(setintersection(flatten([st.Action]), ["s3:*", "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:GetObjectVersionForReplication"])) == 0
    ]]))
    error_message = "no bucket policy statement but the TLS deny may refuse the replication role's actions"
  }
}

run "admin_role_arn_must_be_a_role" {
  command = plan

  module {
    source = "./modules/regional-buckets"
  }

  providers = {
    aws = aws.offline
  }

  variables {
    admin_role_arn = "arn:aws:iam::111122223333:user/alice"
  }

  expect_failures = [var.admin_role_arn]
}

# --- global-data: which role administers the buckets, and replication against the pinned keys ------

run "the_key_administrator_administers_the_buckets_by_default" {
  command = plan

  assert {
    condition     = module.primary_buckets.admin_role_arn == "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin" && module.secondary_buckets.admin_role_arn == output.key_admin_role_arn
    error_message = "without bucket_admin_role_arn, both regions' buckets must be administered by the key administrator (decision 006)"
  }

  # The destination's policy refuses any key but its own: replicas must be written with exactly that.
  assert {
    condition = alltrue(concat(
      [for k, r in aws_s3_bucket_replication_configuration.primary : r.rule[0].destination[0].encryption_configuration[0].replica_kms_key_id == module.secondary_buckets.buckets[k].kms_key_arn],
      [for k, r in aws_s3_bucket_replication_configuration.secondary : r.rule[0].destination[0].encryption_configuration[0].replica_kms_key_id == module.primary_buckets.buckets[k].kms_key_arn],
      [module.primary_buckets.buckets["trail"].kms_key_arn == "arn:aws:kms:us-east-1:111122223333:key/mrk-trail", module.secondary_buckets.buckets["config"].kms_key_arn == "arn:aws:kms:us-east-2:111122223333:key/mrk-data"],
    ))
    error_message = "replicas must be encrypted with the key the destination bucket's policy pins (its own)"
  }
}

run "a_named_bucket_administrator" {
  command = plan

  variables {
    bucket_admin_role_arn = "arn:aws:iam::111122223333:role/security/storage-break-glass"
  }

  assert {
    condition     = module.primary_buckets.admin_role_arn == "arn:aws:iam::111122223333:role/security/storage-break-glass" && module.secondary_buckets.admin_role_arn == "arn:aws:iam::111122223333:role/security/storage-break-glass"
    error_message = "bucket_admin_role_arn must be the buckets' administration role in both regions"
  }
}

run "bucket_admin_role_arn_must_be_a_role" {
  command = plan

  variables {
    bucket_admin_role_arn = "arn:aws:iam::111122223333:user/alice"
  }

  expect_failures = [var.bucket_admin_role_arn]
}

# The RDS PostgreSQL log group of each region (modules/regional-stack, database.tf) is encrypted with
# that region's logs key: its policy must admit CloudWatch Logs of that region for that group.
run "logs_keys_admit_cloudwatch_logs_for_the_rds_log_group" {
  command = plan

  assert {
    condition = alltrue([for region, name in { primary = "us-east-1", secondary = "us-east-2" } :
      length([for st in data.aws_iam_policy_document.key["${region}-logs"].statement : st if st.sid == "CloudWatchLogsEncryption"]) == 1
      && alltrue([for st in data.aws_iam_policy_document.key["${region}-logs"].statement : st.sid != "CloudWatchLogsEncryption" ? true : (
        one(st.principals).type == "Service"
        && one(st.principals).identifiers == toset(["logs.${name}.amazonaws.com"])
        && one(st.condition).test == "ArnLike"
        && one(st.condition).variable == "kms:EncryptionContext:aws:logs:arn"
        && anytrue([for v in one(st.condition).values : can(regex("^${replace(v, "*", ".*")}$", "arn:aws:logs:${name}:111122223333:log-group:/aws/rds/cluster/trading-dev-${name}/postgresql"))])
        && length(setsubtract(["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"], st.actions)) == 0
      )])
    ])
    error_message = "each region's logs key must let that region's CloudWatch Logs use it for this account's log groups, the RDS PostgreSQL group included"
  }
}
