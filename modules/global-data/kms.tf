locals {
  # One key per data domain, so a grant on queue data never opens the database. Each domain names
  # the services allowed to use its key on behalf of principals in the account (kms:ViaService).
  key_domains = {
    database = {
      # AWS Backup: each regional stack's locked vault is encrypted with this key (regional-stack
      # backup.tf), and the service creates its grants on the caller's behalf.
      description  = "Aurora cluster storage and snapshots, and the AWS Backup vaults"
      via_services = ["rds", "backup"]
    }
    data = {
      # Lambda: function environments that name data resources are encrypted with this key too.
      description  = "DynamoDB sessions table, S3 buckets, SSM parameters and Lambda environments"
      via_services = ["dynamodb", "s3", "ssm", "lambda"]
    }
    logs = {
      description  = "CloudWatch log groups, SQS queues, SNS topics, Lambda environments and Step Functions"
      via_services = ["sqs", "sns", "lambda", "states"]
    }
    # The account trail's log files: a key of their own, so that reading the evidence of what was done
    # to the data is a separate grant from reading the data (trail.tf). Readers decrypt through S3.
    trail = {
      description  = "CloudTrail log and digest files of the account trail (trail.tf)"
      via_services = ["s3"]
    }
  }

  # A key policy per region and domain: the replica key's policy names its own region's endpoints.
  key_policies = {
    for pair in setproduct(keys(local.regions), keys(local.key_domains)) : "${pair[0]}-${pair[1]}" => {
      region = local.regions[pair[0]]
      domain = pair[1]
    }
  }

  # Administration without use, and without the actions that destroy or re-policy a key: the account
  # (through IAM) may describe, tag, alias and rotate. kms:CreateGrant is deliberately absent, so
  # cryptographic use goes through the named services only.
  key_admin_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:Describe*",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:Get*",
    "kms:List*",
    "kms:ReplicateKey",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]
  # Decision 006: disabling, deleting or re-policying a key (and turning rotation off) is for the key
  # administrator role only. Scheduling deletion crypto-shreds the COMPLIANCE-locked audit records in
  # both regions; disabling the replica takes the DR copy offline.
  key_guarded_actions = [
    "kms:DeleteImportedKeyMaterial",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:UpdatePrimaryRegion",
  ]
  key_use_actions = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey*",
    "kms:ReEncrypt*",
    "kms:CreateGrant",
    "kms:ListGrants",
  ]
  account_root_arn = "arn:${local.partition}:iam::${var.account_id}:root"

  # The named key administrator: the caller's role, or the one this module creates. Computed from its
  # name so the key policies are known at plan time.
  key_admin_role_name = "${var.name_prefix}-kms-key-admin"
  key_admin_role_arn  = coalesce(var.key_admin_role_arn, "arn:${local.partition}:iam::${var.account_id}:role/${local.key_admin_role_name}")
}

# The key administrator when the caller names none: assumable only by principals of this account that
# signed in with MFA, and granted by the key policies alone (it has no identity policy).
data "aws_iam_policy_document" "key_admin_trust" {
  count    = var.key_admin_role_arn == null ? 1 : 0
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "key_admin" {
  count    = var.key_admin_role_arn == null ? 1 : 0
  provider = aws.primary

  name                 = local.key_admin_role_name
  description          = "Break-glass administrator of the ${var.name_prefix} KMS keys: the only principal that may disable, delete or re-policy them (decision 006)."
  assume_role_policy   = data.aws_iam_policy_document.key_admin_trust[0].json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "key" {
  for_each = local.key_policies
  provider = aws.primary

  statement {
    sid       = "AccountAdministration"
    actions   = local.key_admin_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  # IAM policies in the account may grant use of the key, but only through these services.
  statement {
    sid       = "UseThroughNamedServices"
    actions   = local.key_use_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [for s in local.key_domains[each.value.domain].via_services : "${s}.${each.value.region}.${local.dns_suffix}"]
    }
  }

  # CloudWatch Logs encrypts log groups as its own service principal, not through a caller. No
  # kms:Describe*: DescribeKey carries no encryption context, so under this condition it could never be
  # granted (IAM lists kms:EncryptionContext:<key> only for the cryptographic operations; plan-lint API002).
  dynamic "statement" {
    for_each = each.value.domain == "logs" ? [1] : []
    content {
      sid       = "CloudWatchLogsEncryption"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["logs.${each.value.region}.${local.dns_suffix}"]
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${local.partition}:logs:${each.value.region}:${var.account_id}:log-group:*"]
      }
    }
  }

  # CloudWatch alarms and EventBridge rules publish to encrypted SNS topics and SQS queues as
  # service principals; aws:SourceAccount stops another account's alarms from using the key.
  dynamic "statement" {
    for_each = each.value.domain == "logs" ? [1] : []
    content {
      sid       = "AlarmAndEventDelivery"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudwatch.${local.dns_suffix}", "events.${local.dns_suffix}"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [var.account_id]
      }
    }
  }

  # CloudTrail encrypts the trail's log and digest files as its own service principal. The statements
  # AWS documents, limited to this module's one trail: aws:SourceArn is the trail, and the encryption
  # context CloudTrail sets names it too
  # (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html).
  # The replica key carries them as well, unused while the trail's home is the primary.
  dynamic "statement" {
    for_each = each.value.domain == "trail" ? [1] : []
    content {
      sid       = "CloudTrailEncryptLogs"
      actions   = ["kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }
      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:cloudtrail:arn"
        values   = [local.trail_arn]
      }
    }
  }

  dynamic "statement" {
    for_each = each.value.domain == "trail" ? [1] : []
    content {
      sid       = "CloudTrailDescribeKey"
      actions   = ["kms:DescribeKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }
    }
  }

  statement {
    sid       = "KeyAdministrator"
    actions   = concat(local.key_admin_actions, local.key_guarded_actions)
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.key_admin_role_arn]
    }
  }

  # An explicit deny wins over any Allow in IAM, so not even an account administrator with kms:* can
  # disable, delete or re-policy these keys without assuming the key administrator role.
  statement {
    sid       = "DenyKeyDestructionOutsideKeyAdministrator"
    effect    = "Deny"
    actions   = local.key_guarded_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [local.key_admin_role_arn]
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = local.key_domains
  provider = aws.primary

  description             = "${var.name_prefix} ${each.key}: ${each.value.description}"
  multi_region            = true
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key["primary-${each.key}"].json

  # The applying principal is not the key administrator, so KMS's lockout check (the caller must be able
  # to put the policy again) would refuse the policy; the administrator role can (decision 006).
  bypass_policy_lockout_safety_check = true

  # KMS refuses a policy that names a role that does not exist yet.
  depends_on = [aws_iam_role.key_admin]
}

resource "aws_kms_replica_key" "this" {
  for_each = local.key_domains
  provider = aws.secondary

  description             = "${var.name_prefix} ${each.key} (replica): ${each.value.description}"
  primary_key_arn         = aws_kms_key.this[each.key].arn
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key["secondary-${each.key}"].json

  bypass_policy_lockout_safety_check = true

  lifecycle {
    precondition {
      condition     = data.aws_region.primary.name != data.aws_region.secondary.name
      error_message = "The primary and secondary providers point at the same region; a replica must live in the other region."
    }
  }
}

# Aliases carry the same name in both regions, so operators find a domain's key the same way anywhere.
resource "aws_kms_alias" "primary" {
  for_each = local.key_domains
  provider = aws.primary

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}

resource "aws_kms_alias" "secondary" {
  for_each = local.key_domains
  provider = aws.secondary

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_replica_key.this[each.key].key_id
}
