# Cross-region events: each region forwards the platform's own events (source trading.platform) to the
# other region's default bus. The pattern also matches on this region, so an event that arrived from
# the other region is not sent back (EventBridge would refuse the second hop and dead-letter it).
locals {
  platform_event_pattern = {
    for k in local.region_keys : k => jsonencode({
      source = ["trading.platform"]
      region = [var.regions[k].region]
    })
  }
}

# Dead letters of every EventBridge target in the region (forwarding and, in the secondary, the
# automatic failover trigger).
resource "aws_sqs_queue" "events_dlq_primary" {
  provider = aws.primary

  name                      = "${var.name_prefix}-orchestrator-events-dlq"
  kms_master_key_id         = var.primary_kms_key_arn
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "events_dlq_secondary" {
  provider = aws.secondary

  name                      = "${var.name_prefix}-orchestrator-events-dlq"
  kms_master_key_id         = var.secondary_kms_key_arn
  message_retention_seconds = 1209600
}

resource "aws_cloudwatch_event_rule" "forward_primary" {
  provider = aws.primary

  name          = "${var.name_prefix}-forward-platform-events"
  description   = "Forwards trading.platform events raised in ${var.regions.primary.region} to ${var.regions.secondary.region}."
  event_pattern = local.platform_event_pattern["primary"]
}

resource "aws_cloudwatch_event_rule" "forward_secondary" {
  provider = aws.secondary

  name          = "${var.name_prefix}-forward-platform-events"
  description   = "Forwards trading.platform events raised in ${var.regions.secondary.region} to ${var.regions.primary.region}."
  event_pattern = local.platform_event_pattern["secondary"]
}

resource "aws_cloudwatch_event_target" "forward_primary" {
  provider = aws.primary

  rule     = aws_cloudwatch_event_rule.forward_primary.name
  arn      = local.default_bus_arns["secondary"]
  role_arn = aws_iam_role.event_forwarder["primary"].arn

  dead_letter_config {
    arn = aws_sqs_queue.events_dlq_primary.arn
  }
}

resource "aws_cloudwatch_event_target" "forward_secondary" {
  provider = aws.secondary

  rule     = aws_cloudwatch_event_rule.forward_secondary.name
  arn      = local.default_bus_arns["primary"]
  role_arn = aws_iam_role.event_forwarder["secondary"].arn

  dead_letter_config {
    arn = aws_sqs_queue.events_dlq_secondary.arn
  }
}

data "aws_iam_policy_document" "events_dlq" {
  for_each = local.region_keys
  provider = aws.primary

  statement {
    actions = ["sqs:SendMessage"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    resources = [each.key == "primary" ? aws_sqs_queue.events_dlq_primary.arn : aws_sqs_queue.events_dlq_secondary.arn]
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values = concat(
        [each.key == "primary" ? aws_cloudwatch_event_rule.forward_primary.arn : aws_cloudwatch_event_rule.forward_secondary.arn],
        each.key == "secondary" ? aws_cloudwatch_event_rule.primary_unreachable[*].arn : [],
      )
    }
  }
}

resource "aws_sqs_queue_policy" "events_dlq_primary" {
  provider = aws.primary

  queue_url = aws_sqs_queue.events_dlq_primary.id
  policy    = data.aws_iam_policy_document.events_dlq["primary"].json
}

resource "aws_sqs_queue_policy" "events_dlq_secondary" {
  provider = aws.secondary

  queue_url = aws_sqs_queue.events_dlq_secondary.id
  policy    = data.aws_iam_policy_document.events_dlq["secondary"].json
}

# A dead letter here is a lost event or a failover that did not start: page the operators.
resource "aws_cloudwatch_metric_alarm" "events_dlq_primary" {
  provider = aws.primary

  alarm_name          = "${var.name_prefix}-orchestrator-events-dlq"
  alarm_description   = "EventBridge could not deliver an orchestrator event in ${var.regions.primary.region}; inspect ${aws_sqs_queue.events_dlq_primary.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.events_dlq_primary.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.operations_primary.arn]
}

resource "aws_cloudwatch_metric_alarm" "events_dlq_secondary" {
  provider = aws.secondary

  alarm_name          = "${var.name_prefix}-orchestrator-events-dlq"
  alarm_description   = "EventBridge could not deliver an orchestrator event in ${var.regions.secondary.region}; inspect ${aws_sqs_queue.events_dlq_secondary.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.events_dlq_secondary.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.operations_secondary.arn]
}
