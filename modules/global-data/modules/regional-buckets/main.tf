# The config and audit buckets of ONE region, created with the plain `aws` provider the caller passes
# (global-data calls this module once per region). Everything here is per bucket and per region; the
# replication between the two regions' buckets needs both and stays in global-data.

data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  region = data.aws_region.current.name

  # The kinds of bucket, each with its key and Object Lock retention. Audit records and trail logs are
  # write-once, so those buckets have Object Lock; the trail bucket exists only when the caller asks.
  kinds = merge(
    {
      config = { kms_key_arn = var.kms_key_arn, object_lock = null }
      audit  = { kms_key_arn = var.kms_key_arn, object_lock = var.audit_object_lock }
    },
    var.trail == null ? {} : { trail = { kms_key_arn = var.trail.kms_key_arn, object_lock = var.trail.object_lock } },
  )

  buckets = {
    for kind, k in local.kinds : kind => {
      name        = "${var.bucket_name_prefix}-${kind}-${local.region}"
      arn         = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name_prefix}-${kind}-${local.region}"
      object_lock = k.object_lock != null
      retention   = k.object_lock
      kms_key_arn = k.kms_key_arn
    }
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket              = each.value.name
  object_lock_enabled = each.value.object_lock

  lifecycle {
    precondition {
      # The characters are validated on bucket_name_prefix; only the full length depends on the region.
      condition     = length(each.value.name) <= 63
      error_message = "Bucket name \"${each.value.name}\" is ${length(each.value.name)} characters; S3 allows 63. Shorten bucket_name_prefix."
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
      # Named through the inputs, not the local map, so plan readers (plan-lint DR016) trace the key.
      kms_master_key_id = each.key == "trail" ? var.trail.kms_key_arn : var.kms_key_arn
    }
    # Bucket keys cut KMS requests (and cost) by caching a bucket-level data key. Not on the trail
    # bucket: CloudTrail's key policy grant is bound to the per-object encryption context
    # (aws:cloudtrail:arn), and a bucket key also makes CreateTrail need kms:Decrypt
    # (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html).
    # A log file every few minutes per region costs little in KMS requests.
    bucket_key_enabled = each.key != "trail"
  }

  lifecycle {
    precondition {
      # A key ARN names its region (arn:<partition>:kms:<region>:...); unknown ARNs are checked by
      # plan-lint (DR016) instead.
      condition     = split(":", each.value.kms_key_arn)[3] == local.region
      error_message = "The ${each.key} bucket's KMS key is in another region than ${local.region}: each region's buckets use that region's own key."
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.buckets

  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

locals {
  # Changing these undoes what the buckets promise: Object Lock keeps the audit records, replication
  # keeps the DR copy, lifecycle decides what is deleted, and the policy is what enforces the rest.
  # Deleting a bucket's lifecycle or replication configuration is authorised as the Put action
  # (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketLifecycle.html,
  # https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketReplication.html).
  configuration_actions = [
    "s3:DeleteBucketPolicy",
    "s3:PutBucketObjectLockConfiguration",
    "s3:PutBucketPolicy",
    "s3:PutLifecycleConfiguration",
    "s3:PutReplicationConfiguration",
  ]
  configuration_read_actions = [
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketPolicy",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
  ]
}

# Each bucket's policy. ARNs are computed from the names; the key and the administrator are inputs.
data "aws_iam_policy_document" "bucket" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # SSE-C: the object would be encrypted with a key S3 does not keep and this account does not control;
  # whoever holds it decides who can read the record. The header is present exactly when a writer asks
  # for SSE-C (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html,
  # condition key: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
  statement {
    sid       = "DenySseC"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${each.value.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "s3:x-amz-server-side-encryption-customer-algorithm"
      values   = ["false"]
    }
  }

  # A writer may name no key (the bucket's default, this region's data key, applies) or this key; any
  # other key, in this account or another, is refused, so a record cannot be put under a key whose
  # owner could later withhold or shred it. IfExists: a PutObject without the header is the default.
  # https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
  # Replication is not a PutObject: the replication role writes with s3:ReplicateObject, and its
  # replicas are encrypted with the destination's key, which is this key (global-data, replication.tf).
  statement {
    sid       = "DenyOtherKmsKeys"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${each.value.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEqualsIfExists"
      variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"
      # Named through the inputs, so plan readers (plan-lint SEC022) trace the key. CloudTrail names the
      # trail's key by the ARN the trail is configured with.
      values = [each.key == "trail" ? var.trail.kms_key_arn : var.kms_key_arn]
    }
  }

  # The trail bucket receives the account trail's log files: the bucket policy AWS documents for
  # CloudTrail (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html),
  # with aws:SourceArn naming the one trail, so no other trail (of this account or another) can write here.
  dynamic "statement" {
    for_each = each.key == "trail" ? [1] : []
    content {
      sid       = "AWSCloudTrailAclCheck"
      actions   = ["s3:GetBucketAcl"]
      resources = [each.value.arn]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [var.trail.cloudtrail_arn]
      }
    }
  }

  dynamic "statement" {
    for_each = each.key == "trail" ? [1] : []
    content {
      sid       = "AWSCloudTrailWrite"
      actions   = ["s3:PutObject"]
      resources = ["${each.value.arn}/AWSLogs/${var.trail.account_id}/*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "s3:x-amz-acl"
        values   = ["bucket-owner-full-control"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [var.trail.cloudtrail_arn]
      }
    }
  }

  # The administrator may change the protected configuration through this policy alone (the role the
  # module creates by default has no identity policy, decision 006).
  statement {
    sid       = "BucketConfigurationAdministrator"
    actions   = concat(local.configuration_actions, local.configuration_read_actions)
    resources = [each.value.arn]

    principals {
      type        = "AWS"
      identifiers = [var.admin_role_arn]
    }
  }

  # An explicit Deny wins over any IAM Allow, so not even an account administrator may turn Object Lock,
  # replication or lifecycle off, or rewrite this policy, without assuming the administration role
  # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
  # aws:PrincipalArn is the role's ARN for its sessions
  # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
  # The account's root user keeps PutBucketPolicy and DeleteBucketPolicy whatever the policy says, so
  # the bucket cannot be locked out (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html).
  statement {
    sid       = "DenyConfigurationChangesOutsideAdministrator"
    effect    = "Deny"
    actions   = local.configuration_actions
    resources = [each.value.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.admin_role_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  # S3 rejects policy writes that race the public access block. And the policy goes last: once it is in
  # place, only the administration role may put the lifecycle, Object Lock and replication
  # configuration, so the applying principal creates those first (policy_after carries the caller's
  # replication configurations of these buckets, and the administration role if the caller creates it).
  depends_on = [
    aws_s3_bucket_public_access_block.this,
    aws_s3_bucket_lifecycle_configuration.this,
    aws_s3_bucket_object_lock_configuration.this,
    var.policy_after,
  ]
}

# Noncurrent versions expire after an input number of days. Object Lock still wins: S3 lifecycle
# does not remove a version before its retention ends.
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  rule {
    id     = "noncurrent-versions"
    status = "Enabled"
    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
    expiration {
      expired_object_delete_marker = true
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # Lifecycle rules on noncurrent versions need versioning in place first
  # (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket_lifecycle_configuration).
  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_object_lock_configuration" "this" {
  for_each = { for kind, b in local.buckets : kind => b if b.object_lock }

  bucket = aws_s3_bucket.this[each.key].id
  rule {
    default_retention {
      mode = each.value.retention.mode
      days = each.value.retention.days
    }
  }
}
