# Everything ONE region needs to run its own recovery and serve the shared API name: the failover
# state machine and its log group, the region-fence function, the cross-region event forwarding
# with its dead-letter queue and alarm, the operations topic, the health-check-ids parameter, and the
# regional custom domain (certificate, validation, domain name, base path mapping). The
# failover-orchestrator module calls it once per region with a plain `aws` provider; what spans both
# regions (Route 53 zone, health checks and failover records, the global IAM roles, the automatic
# trigger in the secondary) stays in the orchestrator.

data "aws_region" "current" {}

locals {
  function_runtime = {
    runtime       = "nodejs22.x"
    architectures = ["arm64"]
    handler       = "index.handler"
  }
}

# The operations topic: this region's state machine reports to its own topic, so a notification never
# depends on the region that may be down.
resource "aws_sns_topic" "operations" {
  name              = "${var.name_prefix}-operations"
  kms_master_key_id = var.kms_key_arn
}

# Who may publish to the operations topic: CloudWatch, for this region's alarms of this account,
# and this region's state machine role, which sends the approval request and every outcome. Anyone
# else is denied sns:Publish, so a principal granted it broadly cannot send a false approval
# request or a false all-clear. Subscribing and managing stay with this account's principals, as
# their IAM policies allow. aws:PrincipalIsAWSService is false for every caller but a service
# principal, and aws:PrincipalArn of a role session is the role's ARN:
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
locals {
  # Taken from the state machine role's ARN: offline plans cannot call STS.
  account_id = split(":", var.state_machine.role_arn)[4]
  partition  = split(":", var.state_machine.role_arn)[1]
}

data "aws_iam_policy_document" "operations_topic" {
  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.operations.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:${var.region}:${local.account_id}:alarm:*"]
    }
  }

  statement {
    sid       = "StateMachinePublishes"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.operations.arn]

    principals {
      type        = "AWS"
      identifiers = [var.state_machine.role_arn]
    }
  }

  statement {
    sid = "AccountManagesAndSubscribes"
    actions = [
      "sns:GetTopicAttributes",
      "sns:SetTopicAttributes",
      "sns:AddPermission",
      "sns:RemovePermission",
      "sns:DeleteTopic",
      "sns:Subscribe",
      "sns:ListSubscriptionsByTopic",
    ]
    resources = [aws_sns_topic.operations.arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "DenyPublishExceptAlarmsAndStateMachine"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.operations.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:PrincipalIsAWSService"
      values   = ["false"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.state_machine.role_arn]
    }
  }
}

resource "aws_sns_topic_policy" "operations" {
  arn    = aws_sns_topic.operations.arn
  policy = data.aws_iam_policy_document.operations_topic.json
}

# Keyed by protocol and endpoint, so reordering the list replaces nothing.
resource "aws_sns_topic_subscription" "operations" {
  for_each = { for s in var.operations_subscriptions : "${s.protocol}:${s.endpoint}" => s }

  topic_arn = aws_sns_topic.operations.arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}

# Read by the failover-validator in this region (HEALTH_CHECK_IDS_PARAMETER).
resource "aws_ssm_parameter" "health_check_ids" {
  name        = var.health_check_ids_parameter.name
  description = "Route 53 health check ID of each region's /health, keyed by region (JSON)."
  type        = "String"
  value       = var.health_check_ids_parameter.value
}
