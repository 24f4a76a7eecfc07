locals {
  # One direction per source region. Each direction replicates every kind of bucket with its own role,
  # so that after a failover the new active region replicates back.
  replication = {
    for role, region in local.regions : role => {
      source_region        = region
      destination_region   = local.regions[local.peer_of[role]]
      sources              = { for k, b in local.buckets : k => b if b.role == role }
      destinations         = { for k, b in local.buckets : k => b if b.role == local.peer_of[role] }
      source_key_arns      = distinct([for k, b in local.buckets : b.kms_key_arn if b.role == role])
      destination_key_arns = distinct([for k, b in local.buckets : b.kms_key_arn if b.role == local.peer_of[role]])
    }
  }
}

data "aws_iam_policy_document" "replication_trust" {
  for_each = local.replication
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["s3.${local.dns_suffix}"]
    }

    # Confused-deputy guard: only this account's source buckets may hand S3 this role.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [for b in each.value.sources : b.arn]
    }
  }
}

data "aws_iam_policy_document" "replication" {
  for_each = local.replication
  provider = aws.primary

  statement {
    sid       = "ReadSourceConfiguration"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [for b in each.value.sources : b.arn]
  }

  statement {
    sid = "ReadSourceVersions"
    actions = [
      "s3:GetObjectVersionForReplication",
      "s3:GetObjectVersionAcl",
      "s3:GetObjectVersionTagging",
    ]
    resources = [for b in each.value.sources : "${b.arn}/*"]
  }

  # Object Lock replication reads each version's retention and legal hold so the replica keeps them.
  statement {
    sid       = "ReadSourceObjectLock"
    actions   = ["s3:GetObjectRetention", "s3:GetObjectLegalHold"]
    resources = [for b in each.value.sources : "${b.arn}/*" if b.object_lock]
  }

  statement {
    sid       = "WriteReplicas"
    actions   = ["s3:ReplicateObject", "s3:ReplicateTags"]
    resources = [for b in each.value.destinations : "${b.arn}/*"]
  }

  # Only buckets that replicate delete markers get s3:ReplicateDelete.
  statement {
    sid       = "WriteDeleteMarkers"
    actions   = ["s3:ReplicateDelete"]
    resources = [for b in each.value.destinations : "${b.arn}/*" if b.replicate_delete_markers]
  }

  # With bucket keys the encryption context is the bucket ARN; without, the object ARN. Allow both.
  statement {
    sid       = "DecryptSource"
    actions   = ["kms:Decrypt"]
    resources = each.value.source_key_arns

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${each.value.source_region}.${local.dns_suffix}"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = flatten([for b in each.value.sources : [b.arn, "${b.arn}/*"]])
    }
  }

  statement {
    sid       = "EncryptReplicas"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = each.value.destination_key_arns

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${each.value.destination_region}.${local.dns_suffix}"]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = flatten([for b in each.value.destinations : [b.arn, "${b.arn}/*"]])
    }
  }
}

# IAM is global, so both directions' roles are managed through the primary provider; the names carry
# the source region, which identifies the direction.
resource "aws_iam_role" "replication" {
  for_each = local.replication
  provider = aws.primary

  # At most 31 + 1 + 14 + 15 = 61 characters (IAM allows 64): name_prefix is validated to 31
  # characters and AWS region names have at most 14.
  name               = "${var.name_prefix}-${each.value.source_region}-s3-replication"
  description        = "S3 replication of the ${var.name_prefix} config and audit buckets from ${each.value.source_region} to ${each.value.destination_region}."
  assume_role_policy = data.aws_iam_policy_document.replication_trust[each.key].json
}

resource "aws_iam_role_policy" "replication" {
  for_each = local.replication
  provider = aws.primary

  name   = "replicate-to-${each.value.destination_region}"
  role   = aws_iam_role.replication[each.key].id
  policy = data.aws_iam_policy_document.replication[each.key].json
}

# Each bucket replicates to the same kind of bucket in the other region. A direction needs both
# regions' buckets, so the pair stays here rather than in the per-region bucket module. Replica
# modification sync carries metadata changes made on replicas back, which two-way replication needs;
# RTC and metrics give a 15-minute replication SLA and the metrics the failover validator reads.

resource "aws_s3_bucket_replication_configuration" "primary" {
  for_each = module.primary_buckets.buckets
  provider = aws.primary

  bucket = module.primary_buckets.buckets[each.key].id
  role   = aws_iam_role.replication["primary"].arn

  rule {
    id       = "to-${local.regions.secondary}"
    status   = "Enabled"
    priority = 1
    filter {}

    delete_marker_replication {
      status = local.replicate_delete_markers[each.key] ? "Enabled" : "Disabled"
    }

    source_selection_criteria {
      replica_modifications {
        status = "Enabled"
      }
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = module.secondary_buckets.buckets[each.key].arn
      storage_class = "STANDARD"

      # Replicas are encrypted with the destination region's key of the bucket's domain.
      encryption_configuration {
        replica_kms_key_id = aws_kms_replica_key.this[local.bucket_key_domain[each.key]].arn
      }
      replication_time {
        status = "Enabled"
        time {
          minutes = 15
        }
      }
      metrics {
        status = "Enabled"
        event_threshold {
          minutes = 15
        }
      }
    }
  }

  # S3 refuses a replication configuration unless versioning is on at both ends: the precondition reads
  # both buckets' versioning, so both come first. Not the whole bucket modules: their bucket policies
  # come after this configuration (policy_after in s3.tf), since they refuse it to the applying principal.
  depends_on = [aws_iam_role_policy.replication]

  lifecycle {
    precondition {
      condition     = module.primary_buckets.buckets[each.key].versioning == "Enabled" && module.secondary_buckets.buckets[each.key].versioning == "Enabled"
      error_message = "Replication of the ${each.key} bucket needs versioning Enabled on both buckets of the pair."
    }
  }
}

resource "aws_s3_bucket_replication_configuration" "secondary" {
  for_each = module.secondary_buckets.buckets
  provider = aws.secondary

  bucket = module.secondary_buckets.buckets[each.key].id
  role   = aws_iam_role.replication["secondary"].arn

  rule {
    id       = "to-${local.regions.primary}"
    status   = "Enabled"
    priority = 1
    filter {}

    delete_marker_replication {
      status = local.replicate_delete_markers[each.key] ? "Enabled" : "Disabled"
    }

    source_selection_criteria {
      replica_modifications {
        status = "Enabled"
      }
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = module.primary_buckets.buckets[each.key].arn
      storage_class = "STANDARD"

      # Replicas are encrypted with the destination region's key of the bucket's domain.
      encryption_configuration {
        replica_kms_key_id = aws_kms_key.this[local.bucket_key_domain[each.key]].arn
      }
      replication_time {
        status = "Enabled"
        time {
          minutes = 15
        }
      }
      metrics {
        status = "Enabled"
        event_threshold {
          minutes = 15
        }
      }
    }
  }

  depends_on = [aws_iam_role_policy.replication]

  lifecycle {
    precondition {
      condition     = module.secondary_buckets.buckets[each.key].versioning == "Enabled" && module.primary_buckets.buckets[each.key].versioning == "Enabled"
      error_message = "Replication of the ${each.key} bucket needs versioning Enabled on both buckets of the pair."
    }
  }
}
