# One dashboard per region with the signals the alarms watch.

locals {
  dashboard_widgets = [
    {
      title = "API requests and errors"
      metrics = [
        ["AWS/ApiGateway", "Count", "ApiName", local.api_dimensions.ApiName, "Stage", local.api_dimensions.Stage, { stat = "Sum" }],
        ["AWS/ApiGateway", "4XXError", "ApiName", local.api_dimensions.ApiName, "Stage", local.api_dimensions.Stage, { stat = "Sum" }],
        ["AWS/ApiGateway", "5XXError", "ApiName", local.api_dimensions.ApiName, "Stage", local.api_dimensions.Stage, { stat = "Sum" }],
      ]
    },
    {
      title = "API latency"
      metrics = [
        ["AWS/ApiGateway", "Latency", "ApiName", local.api_dimensions.ApiName, "Stage", local.api_dimensions.Stage, { stat = "p99" }],
        ["AWS/ApiGateway", "Latency", "ApiName", local.api_dimensions.ApiName, "Stage", local.api_dimensions.Stage, { stat = "p50" }],
      ]
    },
    {
      title = "Trade queue and DLQ"
      metrics = [
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.trade_orders.name, { stat = "Maximum" }],
        ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.trade_orders.name, { stat = "Maximum" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dead_letter.name, { stat = "Maximum" }],
      ]
    },
    {
      title = "trade-processor"
      metrics = [
        ["AWS/Lambda", "Invocations", "FunctionName", aws_lambda_function.trade_processor.function_name, { stat = "Sum" }],
        ["AWS/Lambda", "Errors", "FunctionName", aws_lambda_function.trade_processor.function_name, { stat = "Sum" }],
        ["AWS/Lambda", "Throttles", "FunctionName", aws_lambda_function.trade_processor.function_name, { stat = "Sum" }],
        ["AWS/Lambda", "Duration", "FunctionName", aws_lambda_function.trade_processor.function_name, { stat = "p99" }],
      ]
    },
    {
      title = "Aurora global RPO lag (ms) and capacity (ACU)"
      metrics = [
        ["AWS/RDS", "AuroraGlobalDBRPOLag", "DBClusterIdentifier", aws_rds_cluster.this.cluster_identifier, { stat = "Maximum" }],
        ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", aws_rds_cluster.this.cluster_identifier, { stat = "Maximum", yAxis = "right" }],
      ]
    },
    {
      title = "Failover readiness (validator)"
      metrics = [
        [var.metrics_namespace, "FailoverReady", "service", local.function_environment.failover_validator.POWERTOOLS_SERVICE_NAME, { stat = "Minimum" }],
      ]
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "${var.name_prefix}-${local.region}"

  dashboard_body = jsonencode({
    widgets = [for i, w in local.dashboard_widgets : {
      type   = "metric"
      x      = (i % 2) * 12
      y      = floor(i / 2) * 6
      width  = 12
      height = 6
      properties = {
        title   = w.title
        region  = local.region
        view    = "timeSeries"
        stacked = false
        period  = 60
        metrics = w.metrics
      }
    }]
  })
}
