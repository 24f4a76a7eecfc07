# POST /trades lands here. A passive region's queue keeps what arrives for 14 days (the SQS maximum)
# until processing is enabled in that region.

resource "aws_sqs_queue" "dead_letter" {
  name                              = "${var.name_prefix}-trade-orders-dlq"
  kms_master_key_id                 = var.kms_key_arns.logs
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = local.retention_14_days_seconds
}

resource "aws_sqs_queue" "trade_orders" {
  name                              = "${var.name_prefix}-trade-orders"
  kms_master_key_id                 = var.kms_key_arns.logs
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = local.retention_14_days_seconds
  visibility_timeout_seconds        = local.queue_visibility_timeout_seconds
  receive_wait_time_seconds         = 20

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = var.trade_queue.max_receive_count
  })
}

# Failed asynchronous invocations of this stack's functions (CKV_AWS_116): the event Lambda could not
# process after its retries, with the error, kept 14 days for inspection and a replay by hand. The
# alarm async_failures_depth pages on the first one.
resource "aws_sqs_queue" "async_failures" {
  name                              = "${var.name_prefix}-async-failures"
  kms_master_key_id                 = var.kms_key_arns.logs
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = local.retention_14_days_seconds
}

# Only the trade queue may move messages into the DLQ.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.trade_orders.arn]
  })
}

# Each queue's policy: TLS only (the failure queue takes Lambda's destination sends, made with the
# function's execution role, so it denies nothing else), and on the trade queue, SendMessage only from the API's integration
# role (threat 5 of docs/threat-model.md). An order reaches the processor only through POST /trades,
# with its request model and the 503 of a passive region; a principal that merely holds sqs:* in IAM
# cannot inject one. The deny names one action, so the processor's receive and delete, the move of a
# failed message into the DLQ (SQS does that itself under the redrive policy, with no SendMessage by
# a principal) and SetQueueAttributes (the account's management of this very policy) stay as IAM
# grants them.
data "aws_iam_policy_document" "queue" {
  for_each = {
    trade_orders   = aws_sqs_queue.trade_orders.arn
    dead_letter    = aws_sqs_queue.dead_letter.arn
    async_failures = aws_sqs_queue.async_failures.arn
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]

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

  # An explicit Deny in a queue policy wins over any IAM Allow in the account; aws:PrincipalArn is the
  # role's ARN for its sessions (API Gateway calls SQS with the integration role's credentials), and a
  # service principal carries none, so it is refused too. SendMessageBatch is authorised as
  # sqs:SendMessage. Policy evaluation:
  # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  # aws:PrincipalArn:
  # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
  # SQS actions: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html
  dynamic "statement" {
    for_each = each.key == "trade_orders" ? [aws_iam_role.api_queue.arn] : []
    content {
      sid       = "DenySendExceptApiIntegrationRole"
      effect    = "Deny"
      actions   = ["sqs:SendMessage"]
      resources = [each.value]

      principals {
        type        = "*"
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

moved {
  from = aws_sqs_queue_policy.tls_only
  to   = aws_sqs_queue_policy.this
}

resource "aws_sqs_queue_policy" "this" {
  for_each = {
    trade_orders   = aws_sqs_queue.trade_orders.id
    dead_letter    = aws_sqs_queue.dead_letter.id
    async_failures = aws_sqs_queue.async_failures.id
  }

  queue_url = each.value
  policy    = data.aws_iam_policy_document.queue[each.key].json
}
