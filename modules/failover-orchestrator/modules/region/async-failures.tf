# Failure destinations of this region's asynchronously invoked functions (CKV_AWS_116): region-fence,
# run every minute by the sync rule (region-fence.tf), and primary-probe, run every minute by the
# automatic trigger's schedule in the secondary (the orchestrator's triggers.tf). An invocation no
# caller waits for fails silently unless Lambda sends the event, with the error, somewhere; the state
# machine's synchronous invocations of both functions are not affected (an event invoke config applies
# only to asynchronous invocations):
# https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
# The config exists for the probe in both regions, like the function itself: the regions stay symmetric.
locals {
  async_functions = {
    region_fence = aws_lambda_function.region_fence.function_name
    peer_probe   = aws_lambda_function.peer_probe.function_name
  }
}

# The invocation records Lambda could not process, kept 14 days for inspection; the alarm below pages
# on the first one.
resource "aws_sqs_queue" "async_failures" {
  name                      = "${var.name_prefix}-orchestrator-async-failures"
  kms_master_key_id         = var.kms_key_arn
  message_retention_seconds = 1209600
}

# TLS only, and sqs:SendMessage only from the two functions' execution roles: Lambda sends a function's
# on-failure record with that function's execution role (the role needs sqs:SendMessage, and
# kms:GenerateDataKey and kms:Decrypt for the queue's key: the orchestrator's iam.tf), so
# aws:PrincipalArn is the role's ARN, and nobody else can plant a record that pages the operators or
# buries a real one. The deny names one action: reading and deleting stay as IAM grants them.
# https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#destinations-permissions
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
data "aws_iam_policy_document" "async_failures" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.async_failures.arn]

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
    sid       = "DenySendExceptFunctionRoles"
    effect    = "Deny"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.async_failures.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.region_fence.role_arn, var.peer_probe.role_arn]
    }
  }
}

resource "aws_sqs_queue_policy" "async_failures" {
  queue_url = aws_sqs_queue.async_failures.id
  policy    = data.aws_iam_policy_document.async_failures.json
}

resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = local.async_functions

  function_name = each.value
  # Both functions run every minute with a constant input, so the next scheduled run supersedes a
  # failed one. Lambda's own retries would come one and then two minutes later, beside the next runs:
  # a second region-fence sync racing the first, or a probe datapoint published for a minute it does
  # not describe (and, at reserved concurrency 1, throttling the state machine's preflight). So no
  # retry, and an event not started within a minute (throttled) is dropped into the queue rather than
  # run late. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 60

  destination_config {
    on_failure {
      destination = aws_sqs_queue.async_failures.arn
    }
  }

  # Lambda checks that the execution role may send to the destination when the configuration is put,
  # and the roles' policies (in the orchestrator: IAM is global) grant it.
  depends_on = [var.region_fence_role_policy_id, var.peer_probe_role_policy_id]
}

# A failed sync or probe: the record in the queue has the event and the error.
resource "aws_cloudwatch_metric_alarm" "async_failures" {
  alarm_name          = "${var.name_prefix}-orchestrator-async-failures"
  alarm_description   = "An asynchronous invocation of ${join(" or ", values(local.async_functions))} in ${var.region} failed or was dropped unrun; the event and its error are in ${aws_sqs_queue.async_failures.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.async_failures.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.operations.arn]
}
