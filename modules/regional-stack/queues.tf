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

# Only the trade queue may move messages into the DLQ.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.trade_orders.arn]
  })
}

data "aws_iam_policy_document" "queue_tls_only" {
  for_each = {
    trade_orders = aws_sqs_queue.trade_orders.arn
    dead_letter  = aws_sqs_queue.dead_letter.arn
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
}

resource "aws_sqs_queue_policy" "tls_only" {
  for_each = {
    trade_orders = aws_sqs_queue.trade_orders.id
    dead_letter  = aws_sqs_queue.dead_letter.id
  }

  queue_url = each.value
  policy    = data.aws_iam_policy_document.queue_tls_only[each.key].json
}
