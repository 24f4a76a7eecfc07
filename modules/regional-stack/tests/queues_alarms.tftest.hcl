# The trade queue and its DLQ, the alarms and their topic, and the dashboard.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  function_settings = { trade_processor = { timeout_seconds = 40 } }
  trade_queue       = { max_receive_count = 3, batch_size = 10, maximum_batching_window_in_seconds = 5 }
  alarm_thresholds  = { rpo_lag_seconds = 45, api_p99_latency_ms = 1500, api_5xx_rate = 0.02 }
}

run "queues" {
  command = apply

  assert {
    condition     = aws_sqs_queue.trade_orders.visibility_timeout_seconds >= 6 * aws_lambda_function.trade_processor.timeout
    error_message = "the visibility timeout must be at least six times the processor's timeout"
  }

  assert {
    condition     = aws_sqs_queue.trade_orders.visibility_timeout_seconds == 6 * 40 + 5
    error_message = "the visibility timeout also covers the batching window"
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.trade_orders.redrive_policy).deadLetterTargetArn == aws_sqs_queue.dead_letter.arn && jsondecode(aws_sqs_queue.trade_orders.redrive_policy).maxReceiveCount == 3
    error_message = "failed messages must move to the DLQ after max_receive_count receives"
  }

  assert {
    condition     = alltrue([for q in [aws_sqs_queue.trade_orders, aws_sqs_queue.dead_letter] : q.kms_master_key_id == var.kms_key_arns.logs && q.message_retention_seconds == 1209600])
    error_message = "both queues use the logs/queues key and keep messages 14 days (a passive region holds what arrives)"
  }

  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_allow_policy.dead_letter.redrive_allow_policy).redrivePermission == "byQueue" && jsondecode(aws_sqs_queue_redrive_allow_policy.dead_letter.redrive_allow_policy).sourceQueueArns == [aws_sqs_queue.trade_orders.arn]
    error_message = "only the trade queue may dead-letter into the DLQ"
  }

  assert {
    condition     = alltrue([for k, d in data.aws_iam_policy_document.queue : d.statement[0].effect == "Deny" && one(d.statement[0].condition).variable == "aws:SecureTransport"])
    error_message = "both queues must refuse requests without TLS"
  }
}

run "alarms" {
  command = apply

  assert {
    condition = alltrue([for a in [
      aws_cloudwatch_metric_alarm.dlq_depth, aws_cloudwatch_metric_alarm.processor_errors, aws_cloudwatch_metric_alarm.processor_throttles,
      aws_cloudwatch_metric_alarm.api_5xx_rate, aws_cloudwatch_metric_alarm.api_latency_p99, aws_cloudwatch_metric_alarm.rpo_lag,
      aws_cloudwatch_metric_alarm.failover_ready,
    ] : a.alarm_actions == toset([aws_sns_topic.alarms.arn]) && a.ok_actions == toset([aws_sns_topic.alarms.arn])])
    error_message = "every alarm must notify the regional topic on alarm and on recovery"
  }

  assert {
    condition     = aws_sns_topic.alarms.kms_master_key_id == var.kms_key_arns.logs
    error_message = "the alarm topic must be encrypted with the logs key"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.dlq_depth.metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.dlq_depth.dimensions.QueueName == aws_sqs_queue.dead_letter.name &&
      aws_cloudwatch_metric_alarm.dlq_depth.threshold == 0 && aws_cloudwatch_metric_alarm.dlq_depth.comparison_operator == "GreaterThanThreshold"
    )
    error_message = "any message in the DLQ must alarm"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.rpo_lag.namespace == "AWS/RDS" && aws_cloudwatch_metric_alarm.rpo_lag.metric_name == "AuroraGlobalDBRPOLag" &&
      aws_cloudwatch_metric_alarm.rpo_lag.dimensions.DBClusterIdentifier == aws_rds_cluster.this.cluster_identifier &&
      aws_cloudwatch_metric_alarm.rpo_lag.threshold == 45000 && aws_cloudwatch_metric_alarm.rpo_lag.treat_missing_data == "notBreaching"
    )
    error_message = "RPO lag (ms) above the threshold on this region's cluster must alarm; no data (this region is the writer) is fine"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.failover_ready.namespace == var.metrics_namespace && aws_cloudwatch_metric_alarm.failover_ready.metric_name == "FailoverReady" &&
      aws_cloudwatch_metric_alarm.failover_ready.dimensions.service == aws_lambda_function.failover_validator.environment[0].variables.POWERTOOLS_SERVICE_NAME &&
      aws_cloudwatch_metric_alarm.failover_ready.comparison_operator == "LessThanThreshold" && aws_cloudwatch_metric_alarm.failover_ready.threshold == 1 &&
      aws_cloudwatch_metric_alarm.failover_ready.insufficient_data_actions == toset([aws_sns_topic.alarms.arn])
    )
    error_message = "FailoverReady < 1 in the validator's namespace and service dimension must alarm, and a silent validator must notify"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.api_5xx_rate.metric_name == "5XXError" && aws_cloudwatch_metric_alarm.api_5xx_rate.statistic == "Average" && aws_cloudwatch_metric_alarm.api_5xx_rate.threshold == 0.02 &&
      aws_cloudwatch_metric_alarm.api_latency_p99.extended_statistic == "p99" && aws_cloudwatch_metric_alarm.api_latency_p99.threshold == 1500 &&
      aws_cloudwatch_metric_alarm.api_5xx_rate.dimensions == tomap({ ApiName = aws_api_gateway_rest_api.this.name, Stage = "v1" })
    )
    error_message = "API alarms watch this API's stage with the configured 5XX rate and p99 latency thresholds"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.processor_errors.metric_name == "Errors" && aws_cloudwatch_metric_alarm.processor_throttles.metric_name == "Throttles" &&
      aws_cloudwatch_metric_alarm.processor_errors.dimensions.FunctionName == aws_lambda_function.trade_processor.function_name &&
      aws_cloudwatch_metric_alarm.processor_throttles.dimensions.FunctionName == aws_lambda_function.trade_processor.function_name
    )
    error_message = "processor errors and throttles must alarm on the trade processor"
  }
}

run "dashboard_shows_the_alarmed_signals" {
  command = apply

  assert {
    condition     = aws_cloudwatch_dashboard.this.dashboard_name == "trading-dev-us-east-1"
    error_message = "one dashboard per region, named after it"
  }

  assert {
    condition = alltrue([for m in ["AuroraGlobalDBRPOLag", "FailoverReady", "5XXError", "Latency", "Throttles", "Errors", "ApproximateNumberOfMessagesVisible"] :
      contains(flatten([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : [for metric in w.properties.metrics : metric[1]]]), m)
    ])
    error_message = "the dashboard must chart every alarmed metric"
  }

  assert {
    condition     = alltrue([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w.properties.region == "us-east-1"])
    error_message = "every widget must read this region's metrics"
  }
}
