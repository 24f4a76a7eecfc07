# Failure destinations (CKV_AWS_116): every function of this stack that is invoked asynchronously
# sends the events it failed on, after Lambda's retries, to an encrypted queue that alarms on its
# first message; its role may send there and nothing else may be made to.
mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_sqs_queue.async_failures
  values = {
    arn = "arn:aws:sqs:us-east-1:111122223333:trading-dev-async-failures"
    url = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-async-failures"
  }
}

run "the_scheduled_validator_sends_its_failures_to_the_failure_queue" {
  command = apply

  assert {
    condition     = keys(aws_lambda_function_event_invoke_config.this) == ["failover_validator"]
    error_message = "the failover validator (invoked by its hourly schedule) is this stack's only asynchronously invoked function; the processor, health and migrator are invoked synchronously"
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.failover_validator.arn == aws_lambda_function.failover_validator.arn
      && aws_lambda_function_event_invoke_config.this["failover_validator"].function_name == aws_lambda_function.failover_validator.function_name
    )
    error_message = "the invoke config must belong to the function the schedule invokes"
  }

  assert {
    condition = (
      one(one(aws_lambda_function_event_invoke_config.this["failover_validator"].destination_config).on_failure).destination == "arn:aws:sqs:us-east-1:111122223333:trading-dev-async-failures"
      && length(one(aws_lambda_function_event_invoke_config.this["failover_validator"].destination_config).on_success) == 0
    )
    error_message = "failed events (only) go to the failure queue"
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this["failover_validator"].maximum_retry_attempts == 2 && aws_lambda_function_event_invoke_config.this["failover_validator"].maximum_event_age_in_seconds == 3600
    error_message = "Lambda retries a failed event twice and drops one older than the next hourly run into the destination"
  }

  assert {
    condition = (
      aws_sqs_queue.async_failures.kms_master_key_id == var.kms_key_arns.logs
      && aws_sqs_queue.async_failures.message_retention_seconds == 1209600
      && aws_sqs_queue_policy.this["async_failures"].policy == data.aws_iam_policy_document.queue["async_failures"].json
      && [for st in data.aws_iam_policy_document.queue["async_failures"].statement : st.sid] == ["DenyInsecureTransport"]
    )
    error_message = "the failure queue is encrypted with the logs key, keeps messages 14 days and refuses plain HTTP"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.failover_validator.statement : st
      if st.actions == toset(["sqs:SendMessage"]) && st.resources == toset(["arn:aws:sqs:us-east-1:111122223333:trading-dev-async-failures"])
      ]) == 1 && length([for st in data.aws_iam_policy_document.failover_validator.statement : st
      if st.actions == toset(["kms:GenerateDataKey", "kms:Decrypt"]) && st.resources == toset([var.kms_key_arns.logs])
    ]) == 1
    error_message = "the validator's role may send to the failure queue and use its key (Lambda sends the destination message with the execution role)"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.async_failures_depth.namespace == "AWS/SQS"
      && aws_cloudwatch_metric_alarm.async_failures_depth.metric_name == "ApproximateNumberOfMessagesVisible"
      && aws_cloudwatch_metric_alarm.async_failures_depth.dimensions["QueueName"] == aws_sqs_queue.async_failures.name && length(aws_cloudwatch_metric_alarm.async_failures_depth.dimensions) == 1
      && aws_cloudwatch_metric_alarm.async_failures_depth.threshold == 0
      && aws_cloudwatch_metric_alarm.async_failures_depth.comparison_operator == "GreaterThanThreshold"
      && aws_cloudwatch_metric_alarm.async_failures_depth.alarm_actions == toset([aws_sns_topic.alarms.arn])
    )
    error_message = "the first message in the failure queue alarms to the alarm topic"
  }
}
