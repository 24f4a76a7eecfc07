# region-fence: the only writer of the local mirror of the active-region authority (ARC routing
# controls). Called by this region's state machine to move the authority (authorize), switch the OTHER
# region off (fence) or back on (restore), and activate this region (sync); and every minute by the rule
# below to make this region's switches agree with the authority. Step Functions SDK integrations only
# reach their own region, hence a function with explicit-region clients. Outside the VPC: it calls
# another region's public APIs and the ARC cluster's endpoints in other regions, which no local VPC
# endpoint serves (docs/decisions/002-functions-and-the-vpc.md).
resource "aws_cloudwatch_log_group" "region_fence" {
  name              = "/aws/lambda/${var.region_fence.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_lambda_function" "region_fence" {
  function_name    = var.region_fence.function_name
  description      = "Keeps ${var.region}'s switches in agreement with the ARC authority; fences ${var.peer_region} for a recovery into ${var.region}."
  role             = var.region_fence.role_arn
  filename         = var.region_fence.zip
  source_code_hash = filebase64sha256(var.region_fence.zip)
  runtime          = local.function_runtime.runtime
  architectures    = local.function_runtime.architectures
  handler          = local.function_runtime.handler
  memory_size      = 256
  # Under the state machine's 60 s task timeout, above the worst case of a restore or a sync: five
  # ARC endpoints at 1.5 s connect + 3 s request each, then the peer's SSM, Lambda and API Gateway.
  timeout = 55
  # The per-minute sync, and a recovery's authorize, fence or sync, can overlap.
  reserved_concurrent_executions = 4
  kms_key_arn                    = var.kms_key_arn

  environment {
    variables = {
      POWERTOOLS_SERVICE_NAME      = "region-fence"
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      LOG_LEVEL                    = "INFO"
      PEER_REGION                  = var.peer_region
      ARC_CLUSTER_ENDPOINTS        = jsonencode(var.authority.cluster_endpoints)
      ROUTING_CONTROL_ARNS         = jsonencode(var.authority.routing_control_arns)
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.region_fence.name
  }

  # The role's policy (in the orchestrator: IAM is global) must exist before the function runs.
  depends_on = [var.region_fence_role_policy_id]
}

# The re-fence on return: every minute this region's switches (the serving flag, whose lease each sync
# renews while the region is active, and the API stage variable) are made to agree with the authority
# and the writer, so a region that comes back after a failover it did not see turns itself off. The
# input is constant: this region's own switches, and the watchdog's settings (reclaim): a region that
# is still the writer, turned off for longer than the state machine's execution timeout while the peer
# does not serve, takes the authority back from a recovery that cannot end (its region was lost).
locals {
  sync_input = jsonencode({
    action           = "sync"
    region           = var.region
    servingParameter = var.state_machine.template_vars.serving_parameter_name
    restApiId        = var.api_stages[var.region].rest_api_id
    stageName        = var.api_stages[var.region].stage_name
    globalClusterId  = var.state_machine.template_vars.global_cluster_id
    clusterArn       = var.cluster_arns[var.region]
    reclaim = {
      afterSeconds         = var.state_machine.template_vars.execution_timeout_seconds
      peerServingParameter = var.state_machine.template_vars.peer_serving_parameter_name
      peerLeaseSeconds     = var.region_fence.peer_serving_lease_seconds
    }
  })
}

resource "aws_cloudwatch_event_rule" "sync" {
  name                = "${var.name_prefix}-region-fence-sync"
  description         = "Makes ${var.region}'s serving switches agree with the ARC authority and the writer, every minute."
  schedule_expression = "rate(1 minute)"
}

resource "aws_cloudwatch_event_target" "sync" {
  rule  = aws_cloudwatch_event_rule.sync.name
  arn   = aws_lambda_function.region_fence.arn
  input = local.sync_input
}

resource "aws_lambda_permission" "sync" {
  statement_id  = "AllowSyncSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.region_fence.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.sync.arn
}

# The function publishes MirrorSynced (1 when the switches agree with the decision, else 0; Powertools
# dimensions service and TargetRegion). Three minutes without agreement, or without a sync at all
# (missing data breaches: the schedule runs every minute), means this region may serve against the
# authority or refuse while named: page the operators.
resource "aws_cloudwatch_metric_alarm" "sync" {
  alarm_name          = "${var.name_prefix}-region-fence-sync"
  alarm_description   = "region-fence in ${var.region} has not brought the region's switches into agreement with the ARC authority for 3 minutes; read its log group ${aws_cloudwatch_log_group.region_fence.name}."
  namespace           = var.metrics_namespace
  metric_name         = "MirrorSynced"
  dimensions          = { service = "region-fence", TargetRegion = var.region }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.operations.arn]
  ok_actions          = [aws_sns_topic.operations.arn]
}

# The watchdog took the authority back (AuthorityReclaimed, published by the sync that did): a recovery
# into the peer moved the authority and fenced this region, then could not end. Tell the operators at
# once; the function's log has the notice with the facts and what to run.
resource "aws_cloudwatch_metric_alarm" "authority_reclaimed" {
  alarm_name          = "${var.name_prefix}-authority-reclaimed"
  alarm_description   = "${var.region} took the ARC authority back from an unfinished recovery into ${var.peer_region}: it was still the writer and had been turned off for longer than the state machine's execution timeout while ${var.peer_region} did not serve. ${var.region} serves again. Read the notice in ${aws_cloudwatch_log_group.region_fence.name}, then ${var.peer_region}'s last execution once it answers; start a new recovery into ${var.peer_region} only when it is healthy."
  namespace           = var.metrics_namespace
  metric_name         = "AuthorityReclaimed"
  dimensions          = { service = "region-fence", TargetRegion = var.region }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.operations.arn]
}
