# DNSSEC signing of the zone (scanner finding CKV2_AWS_38): a key-signing key (KSK) on an asymmetric KMS
# key in us-east-1, and signing turned on. Route 53 manages the zone-signing key itself.
#
# Signing alone changes nothing for resolvers: validation starts only when the parent zone publishes the
# DS record (output ds_record), a manual step for the parent zone's owner, after the zone has served
# signed answers for longer than its largest TTL (README.md, "DNSSEC and query logging").
# https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-enable-signing.html

locals {
  zone_arn = "arn:aws:route53:::hostedzone/${aws_route53_zone.this.zone_id}"

  # Decision 006 for this key too: once the parent publishes the DS record, disabling or deleting the
  # key, or re-policying Route 53 out of it, makes every name in the zone fail validation (SERVFAIL at
  # validating resolvers) until the DS record is withdrawn and its TTL has passed.
  dnssec_key_guarded_actions = [
    "kms:DisableKey",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
  ]
  dnssec_key_admin_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:Describe*",
    "kms:EnableKey",
    "kms:Get*",
    "kms:List*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]
}

data "aws_iam_policy_document" "dnssec_key" {
  # The account administers the key; with a key administrator named, only that role may disable, delete
  # or re-policy it (below). Without one, the account keeps those too: the environment's key
  # administrator role does not exist yet when the zone is bootstrapped.
  statement {
    sid       = "AccountAdministration"
    actions   = var.key_admin_role_arn == null ? concat(local.dnssec_key_admin_actions, local.dnssec_key_guarded_actions) : local.dnssec_key_admin_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
  }

  # The statements Route 53 requires, limited to this account and to this zone where AWS's example
  # allows any (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html).
  statement {
    sid       = "Route53DnssecSigning"
    actions   = ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["dnssec-route53.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.zone_arn]
    }
  }

  statement {
    sid       = "Route53DnssecGrant"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["dnssec-route53.amazonaws.com"]
    }

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  dynamic "statement" {
    for_each = var.key_admin_role_arn == null ? [] : [var.key_admin_role_arn]
    content {
      sid       = "KeyAdministrator"
      actions   = concat(local.dnssec_key_admin_actions, local.dnssec_key_guarded_actions)
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [statement.value]
      }
    }
  }

  dynamic "statement" {
    for_each = var.key_admin_role_arn == null ? [] : [var.key_admin_role_arn]
    content {
      sid       = "DenyKeyDestructionOutsideKeyAdministrator"
      effect    = "Deny"
      actions   = local.dnssec_key_guarded_actions
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = ["*"]
      }

      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = [statement.value]
      }
    }
  }
}

resource "aws_kms_key" "dnssec" {
  provider = aws.us_east_1

  description              = "${var.project} ${var.environment}: DNSSEC key-signing key of ${var.zone_name} (bootstrap/dns)"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 30
  policy                   = data.aws_iam_policy_document.dnssec_key.json

  # With a key administrator named, the applying principal cannot put the policy again (decision 006).
  bypass_policy_lockout_safety_check = var.key_admin_role_arn != null
}

resource "aws_kms_alias" "dnssec" {
  provider = aws.us_east_1

  name          = "alias/${var.project}-${var.environment}-dnssec-ksk"
  target_key_id = aws_kms_key.dnssec.key_id
}

resource "aws_route53_key_signing_key" "this" {
  hosted_zone_id             = aws_route53_zone.this.zone_id
  key_management_service_arn = aws_kms_key.dnssec.arn
  name                       = "ksk_${var.environment}_1"
  status                     = "ACTIVE"
}

resource "aws_route53_hosted_zone_dnssec" "this" {
  hosted_zone_id = aws_route53_key_signing_key.this.hosted_zone_id
  signing_status = "SIGNING"

  # Signing needs an active KSK (the reference above orders them).
  depends_on = [aws_route53_key_signing_key.this]
}
