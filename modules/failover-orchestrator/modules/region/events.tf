# Cross-region events: this region forwards the platform's own events (source trading.platform) to the
# other region's default bus. The pattern also matches on this region, so an event that arrived from
# the other region is not sent back (EventBridge would refuse the second hop and dead-letter it).

# Dead letters of every EventBridge target in the region (forwarding and, in the secondary, the
# automatic failover trigger).
resource "aws_sqs_queue" "events_dlq" {
  name                      = "${var.name_prefix}-orchestrator-events-dlq"
  kms_master_key_id         = var.kms_key_arn
  message_retention_seconds = 1209600
}

resource "aws_cloudwatch_event_rule" "forward" {
  name        = "${var.name_prefix}-forward-platform-events"
  description = "Forwards trading.platform events raised in ${var.region} to ${var.peer_region}."
  event_pattern = jsonencode({
    source = ["trading.platform"]
    region = [var.region]
  })
}

resource "aws_cloudwatch_event_target" "forward" {
  rule     = aws_cloudwatch_event_rule.forward.name
  arn      = var.event_forwarding.peer_bus_arn
  role_arn = var.event_forwarding.role_arn

  dead_letter_config {
    arn = aws_sqs_queue.events_dlq.arn
  }
}

data "aws_iam_policy_document" "events_dlq" {
  statement {
    actions = ["sqs:SendMessage"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    resources = [aws_sqs_queue.events_dlq.arn]
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = concat([aws_cloudwatch_event_rule.forward.arn], var.event_forwarding.other_dead_letter_sources)
    }
  }
}

resource "aws_sqs_queue_policy" "events_dlq" {
  queue_url = aws_sqs_queue.events_dlq.id
  policy    = data.aws_iam_policy_document.events_dlq.json
}

# A dead letter here is a lost event or a failover that did not start: page the operators.
resource "aws_cloudwatch_metric_alarm" "events_dlq" {
  alarm_name          = "${var.name_prefix}-orchestrator-events-dlq"
  alarm_description   = "EventBridge could not deliver an orchestrator event in ${var.region}; inspect ${aws_sqs_queue.events_dlq.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.events_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.operations.arn]
}
