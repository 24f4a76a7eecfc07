# The approval queue: where this region's state machine leaves a recovery's task token while it waits
# (RequestApproval, sqs:sendMessage.waitForTaskToken). Whoever holds the token can answer the recovery,
# so it goes to a queue that only the approver role and the break-glass roles may read, and never to
# the operations topic, whose every subscriber would receive it; the topic gets a token-free notice
# (NotifyApprovers). `make approve` reads the request of the named execution from here
# (tooling/runbook/approval.ts). docs/threat-model.md, threat 2.
resource "aws_sqs_queue" "approvals" {
  name                              = "${var.name_prefix}-failover-approvals"
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  # A request is kept past its wait (plus an hour), so make approve can still name a stale one instead
  # of finding nothing; SQS keeps a message at most 14 days.
  message_retention_seconds = min(1209600, var.state_machine.template_vars.approval_timeout_seconds + 3600)
  # make approve holds the request it answers this long, then deletes it.
  visibility_timeout_seconds = 60
}

# An explicit Deny in a queue policy wins over any IAM Allow in the account, and aws:PrincipalArn is the
# role's ARN for a role session (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
# Step Functions sends with the state machine role's credentials. The batch forms are authorised as
# the single actions (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html).
# Reading, hiding, deleting and purging requests are denied to everyone but the readers, so a principal
# that holds sqs:* in IAM (an operator, the CI roles) cannot take a token; SetQueueAttributes stays with
# the account (Terraform manages this policy) and is alarmed by the regional stack's security events.
data "aws_iam_policy_document" "approvals" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.approvals.arn]

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

  statement {
    sid       = "OnlyTheStateMachineRequests"
    effect    = "Deny"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.approvals.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.state_machine.role_arn]
    }
  }

  statement {
    sid       = "OnlyApproversReadRequests"
    effect    = "Deny"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"]
    resources = [aws_sqs_queue.approvals.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = var.approval_reader_role_arns
    }
  }
}

resource "aws_sqs_queue_policy" "approvals" {
  queue_url = aws_sqs_queue.approvals.id
  policy    = data.aws_iam_policy_document.approvals.json
}
