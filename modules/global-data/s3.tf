locals {
  bucket_kinds = {
    config = {
      # Configuration follows deletes to the peer, so both regions agree on what is current.
      object_lock              = false
      replicate_delete_markers = true
    }
    audit = {
      # Audit records are write-once: a delete marker placed in one region must not hide the
      # record in the other (the locked versions survive either way, but readers see the marker).
      object_lock              = true
      replicate_delete_markers = false
    }
  }

  # Four buckets keyed "<role>-<kind>", so every per-region block below is driven by the same data.
  buckets = {
    for pair in setproduct(keys(local.regions), keys(local.bucket_kinds)) : "${pair[0]}-${pair[1]}" => {
      role                     = pair[0]
      kind                     = pair[1]
      region                   = local.regions[pair[0]]
      name                     = "${var.bucket_name_prefix}-${pair[1]}-${local.regions[pair[0]]}"
      arn                      = "arn:${local.partition}:s3:::${var.bucket_name_prefix}-${pair[1]}-${local.regions[pair[0]]}"
      peer                     = "${local.peer_of[pair[0]]}-${pair[1]}"
      object_lock              = local.bucket_kinds[pair[1]].object_lock
      replicate_delete_markers = local.bucket_kinds[pair[1]].replicate_delete_markers
    }
  }
  primary_buckets   = { for k, b in local.buckets : k => b if b.role == "primary" }
  secondary_buckets = { for k, b in local.buckets : k => b if b.role == "secondary" }
}

# TLS-only access. ARNs are computed from the names, so the policies are known at plan time.
data "aws_iam_policy_document" "bucket" {
  for_each = local.buckets
  provider = aws.primary

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
}

# Provider aliases cannot be chosen per instance, so each region has its own block of each resource
# below. The blocks are identical apart from the provider, the map they iterate and, where a key is
# used, that region's own key (named directly, so a review or a plan check sees which key it is).

resource "aws_s3_bucket" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

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

resource "aws_s3_bucket" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

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

resource "aws_s3_bucket_versioning" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

  bucket = aws_s3_bucket.primary[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

  bucket = aws_s3_bucket.secondary[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

  bucket = aws_s3_bucket.primary[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this["data"].arn
    }
    # Bucket keys cut KMS requests (and cost) by caching a bucket-level data key.
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

  bucket = aws_s3_bucket.secondary[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_replica_key.this["data"].arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_ownership_controls" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

  bucket = aws_s3_bucket.primary[each.key].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_ownership_controls" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

  bucket = aws_s3_bucket.secondary[each.key].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

  bucket                  = aws_s3_bucket.primary[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

  bucket                  = aws_s3_bucket.secondary[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

  bucket = aws_s3_bucket.primary[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  # S3 rejects policy writes that race the public access block; order them.
  depends_on = [aws_s3_bucket_public_access_block.primary]
}

resource "aws_s3_bucket_policy" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

  bucket = aws_s3_bucket.secondary[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.secondary]
}

# Noncurrent versions expire after an input number of days. Object Lock still wins: S3 lifecycle
# does not remove a version before its retention ends.
resource "aws_s3_bucket_lifecycle_configuration" "primary" {
  for_each = local.primary_buckets
  provider = aws.primary

  bucket = aws_s3_bucket.primary[each.key].id
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

  # Lifecycle rules on noncurrent versions need versioning in place first (provider docs).
  depends_on = [aws_s3_bucket_versioning.primary]
}

resource "aws_s3_bucket_lifecycle_configuration" "secondary" {
  for_each = local.secondary_buckets
  provider = aws.secondary

  bucket = aws_s3_bucket.secondary[each.key].id
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

  depends_on = [aws_s3_bucket_versioning.secondary]
}

resource "aws_s3_bucket_object_lock_configuration" "primary" {
  for_each = { for k, b in local.primary_buckets : k => b if b.object_lock }
  provider = aws.primary

  bucket = aws_s3_bucket.primary[each.key].id
  rule {
    default_retention {
      mode = var.audit_object_lock.mode
      days = var.audit_object_lock.days
    }
  }
}

resource "aws_s3_bucket_object_lock_configuration" "secondary" {
  for_each = { for k, b in local.secondary_buckets : k => b if b.object_lock }
  provider = aws.secondary

  bucket = aws_s3_bucket.secondary[each.key].id
  rule {
    default_retention {
      mode = var.audit_object_lock.mode
      days = var.audit_object_lock.days
    }
  }
}
