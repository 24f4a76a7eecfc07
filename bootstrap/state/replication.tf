# Replication both ways with one role. Delete markers replicate, so a lock file that Terraform removes
# in one bucket disappears from the other too; otherwise the replica would hold every lock ever taken.

data "aws_iam_policy_document" "replication_trust" {
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["s3.${data.aws_partition.current.dns_suffix}"]
    }

    # Confused-deputy guard: only these two buckets, in this account, may hand S3 this role.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [module.primary.arn, module.replica.arn]
    }
  }
}

data "aws_iam_policy_document" "replication" {
  provider = aws.primary

  statement {
    sid       = "ReadSourceConfiguration"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [module.primary.arn, module.replica.arn]
  }

  statement {
    sid       = "ReadSourceVersions"
    actions   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
    resources = ["${module.primary.arn}/*", "${module.replica.arn}/*"]
  }

  statement {
    sid       = "WriteReplicas"
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
    resources = ["${module.primary.arn}/*", "${module.replica.arn}/*"]
  }

  # Each bucket's key decrypts what leaves it and encrypts what arrives, only through S3 in its region.
  dynamic "statement" {
    for_each = local.sides
    content {
      sid       = "UseKey${title(statement.key)}"
      actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = [statement.value.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${statement.value.region}.${data.aws_partition.current.dns_suffix}"]
      }
      # With bucket keys the encryption context is the bucket ARN; without, the object ARN.
      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:s3:arn"
        values   = [statement.value.arn, "${statement.value.arn}/*"]
      }
    }
  }
}

resource "aws_iam_role" "replication" {
  provider = aws.primary

  name               = "${local.bucket_name_prefix}-replication"
  description        = "S3 replication between the Terraform state buckets ${module.primary.name} and ${module.replica.name}."
  assume_role_policy = data.aws_iam_policy_document.replication_trust.json
}

resource "aws_iam_role_policy" "replication" {
  provider = aws.primary

  name   = "replicate-state"
  role   = aws_iam_role.replication.id
  policy = data.aws_iam_policy_document.replication.json
}

resource "aws_s3_bucket_replication_configuration" "to_replica" {
  provider = aws.primary

  bucket = module.primary.name
  role   = aws_iam_role.replication.arn

  rule {
    id       = "state-to-${var.replica_region}"
    status   = "Enabled"
    priority = 1

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
      replica_modifications {
        status = "Enabled"
      }
    }

    destination {
      bucket        = module.replica.arn
      storage_class = "STANDARD"

      encryption_configuration {
        replica_kms_key_id = module.replica.kms_key_arn
      }

      dynamic "replication_time" {
        for_each = var.replication_time_control ? [1] : []
        content {
          status = "Enabled"
          time {
            minutes = 15
          }
        }
      }

      dynamic "metrics" {
        for_each = var.replication_time_control ? [1] : []
        content {
          status = "Enabled"
          event_threshold {
            minutes = 15
          }
        }
      }
    }
  }

  # Replication needs versioning on both buckets, and the role's permissions in place.
  depends_on = [module.primary, module.replica, aws_iam_role_policy.replication]
}

resource "aws_s3_bucket_replication_configuration" "to_primary" {
  provider = aws.replica

  bucket = module.replica.name
  role   = aws_iam_role.replication.arn

  rule {
    id       = "state-to-${var.primary_region}"
    status   = "Enabled"
    priority = 1

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
      replica_modifications {
        status = "Enabled"
      }
    }

    destination {
      bucket        = module.primary.arn
      storage_class = "STANDARD"

      encryption_configuration {
        replica_kms_key_id = module.primary.kms_key_arn
      }

      dynamic "replication_time" {
        for_each = var.replication_time_control ? [1] : []
        content {
          status = "Enabled"
          time {
            minutes = 15
          }
        }
      }

      dynamic "metrics" {
        for_each = var.replication_time_control ? [1] : []
        content {
          status = "Enabled"
          event_threshold {
            minutes = 15
          }
        }
      }
    }
  }

  depends_on = [module.primary, module.replica, aws_iam_role_policy.replication]
}
