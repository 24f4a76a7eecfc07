# IAM is global, so every role is created through the primary provider; role names include the region
# they serve. Each policy names the exact resources it needs; the few "*" resources are actions that
# support no resource-level permission (noted inline).

# --- State machine (one role per region) -------------------------------------------------------------

data "aws_iam_policy_document" "state_machine_assume" {
  for_each = local.region_keys
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.state_machine_arns[each.key]]
    }
  }
}

resource "aws_iam_role" "state_machine" {
  for_each = local.region_keys
  provider = aws.primary

  name               = "${var.name_prefix}-${local.regions[each.key]}-failover-sfn"
  description        = "Failover state machine in ${local.regions[each.key]}."
  assume_role_policy = data.aws_iam_policy_document.state_machine_assume[each.key].json
}

data "aws_iam_policy_document" "state_machine" {
  for_each = local.region_keys
  provider = aws.primary

  statement {
    sid       = "ReadGlobalCluster"
    actions   = ["rds:DescribeGlobalClusters"]
    resources = [var.global_cluster.arn]
  }

  statement {
    sid       = "ReadTargetCluster"
    actions   = ["rds:DescribeDBClusters"]
    resources = [var.regional_stacks[each.key].cluster_arn]
  }

  # Both members: the operation promotes this region's cluster and demotes the other one.
  statement {
    sid     = "PromoteTargetCluster"
    actions = ["rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"]
    resources = [
      var.global_cluster.arn,
      var.regional_stacks.primary.cluster_arn,
      var.regional_stacks.secondary.cluster_arn,
    ]
  }

  statement {
    sid       = "ReadRpoLag"
    actions   = ["cloudwatch:GetMetricData"]
    resources = ["*"] # GetMetricData supports no resource-level permission.
  }

  # No SSM or event source mapping writes: the authority and the local switches change only through
  # the region-fence function (authorize, fence, sync, restore).
  statement {
    sid       = "InvokeFenceValidatorAndProbe"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.region_fence_arns[each.key], var.regional_stacks[each.key].validator_function_arn, local.peer_probe_arns[each.key]]
  }

  statement {
    sid       = "Notify"
    actions   = ["sns:Publish"]
    resources = [local.operations_topic_arns[each.key]]
  }

  # RequestApproval leaves the task token in this region's approval queue (sqs:sendMessage.waitForTaskToken).
  statement {
    sid       = "RequestApproval"
    actions   = ["sqs:SendMessage"]
    resources = [local.approval_queues[each.key].arn]
  }

  # The operations topic and the approval queue are encrypted with this region's logs key; a producer
  # of an SSE-KMS queue needs kms:GenerateDataKey and kms:Decrypt
  # (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
  statement {
    sid       = "EncryptNotifications"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [local.kms_key_arns[each.key]]
  }

  # CloudWatch Logs vended delivery and X-Ray accept no resource-level permission.
  statement {
    sid = "DeliverLogs"
    actions = [
      "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Trace"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "state_machine" {
  for_each = local.region_keys
  provider = aws.primary

  name   = "failover"
  role   = aws_iam_role.state_machine[each.key].id
  policy = data.aws_iam_policy_document.state_machine[each.key].json
}

# --- Lambda functions --------------------------------------------------------------------------------

data "aws_iam_policy_document" "lambda_assume" {
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "region_fence" {
  for_each = local.region_keys
  provider = aws.primary

  name               = "${var.name_prefix}-${local.regions[each.key]}-region-fence"
  description        = "region-fence in ${local.regions[each.key]}: fences ${local.regions[local.peer_of[each.key]]}."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "region_fence" {
  for_each = local.region_keys
  provider = aws.primary

  # The local switches of both regions: sync makes its own region's agree with the authority, fence and
  # restore switch the peer's. Each switch is read first and written only when it differs.
  statement {
    sid       = "SwitchServingFlags"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [for k in sort(tolist(local.region_keys)) : var.regional_stacks[k].serving_parameter_arn]
  }

  # The authority: read either routing control (sync reads its own; authorize and initialize check the
  # result) and change both in one atomic batch. The service authorization reference lists no dependent
  # action for UpdateRoutingControlStates:
  # https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53recoverycluster.html
  statement {
    sid       = "ReadAndMoveAuthority"
    actions   = ["route53-recovery-cluster:GetRoutingControlState", "route53-recovery-cluster:UpdateRoutingControlStates"]
    resources = [for k in sort(tolist(local.region_keys)) : local.routing_control_arns[k]]
  }

  # The API stage variable `active` of both regions: GetStage is GET and UpdateStage is PATCH on the stage.
  statement {
    sid     = "SwitchApiStages"
    actions = ["apigateway:GET", "apigateway:PATCH"]
    resources = [
      for k in sort(tolist(local.region_keys)) :
      "arn:${local.partition}:apigateway:${local.regions[k]}::/restapis/${var.regional_stacks[k].api_id}/stages/${var.regional_stacks[k].api_stage_name}"
    ]
  }

  # sync reads which member is the writer; the global cluster is described from the function's region.
  statement {
    sid       = "ReadWriter"
    actions   = ["rds:DescribeGlobalClusters"]
    resources = [var.global_cluster.arn]
  }

  # The fence drains the old region's queue before it turns the serving flag off.
  statement {
    sid       = "WatchTradeQueues"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [for k in sort(tolist(local.region_keys)) : var.regional_stacks[k].trade_queue_arn]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.region_fence_log_group_arns[each.key]}:*"]
  }

  statement {
    sid       = "DecryptEnvironment"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arns[each.key]]
  }

  # The on-failure destination of the per-minute sync (modules/region/async-failures.tf): Lambda sends
  # the record with this role, to a queue encrypted with this region's key. A producer of an SSE-KMS
  # queue needs kms:GenerateDataKey and kms:Decrypt (granted above) on the key:
  # https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#destinations-permissions
  # https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html#send-to-encrypted-queue
  statement {
    sid       = "SendFailedInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [local.async_failure_queue_arns[each.key]]
  }

  statement {
    sid       = "EncryptFailedInvocations"
    actions   = ["kms:GenerateDataKey"]
    resources = [local.kms_key_arns[each.key]]
  }

  statement {
    sid       = "Trace"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"] # X-Ray accepts no resource-level permission.
  }
}

resource "aws_iam_role_policy" "region_fence" {
  for_each = local.region_keys
  provider = aws.primary

  name   = "region-fence"
  role   = aws_iam_role.region_fence[each.key].id
  policy = data.aws_iam_policy_document.region_fence[each.key].json
}

# primary-probe in each region probes the other region: the preflight of a failover there, and in the
# secondary the automatic trigger's canary.
resource "aws_iam_role" "primary_probe" {
  for_each = local.region_keys
  provider = aws.primary

  name               = "${var.name_prefix}-${local.regions[each.key]}-primary-probe"
  description        = "primary-probe in ${local.regions[each.key]}: probes ${local.regions[local.peer_of[each.key]]}."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

moved {
  from = aws_iam_role.primary_probe[0]
  to   = aws_iam_role.primary_probe["secondary"]
}

data "aws_iam_policy_document" "primary_probe" {
  for_each = local.region_keys
  provider = aws.primary

  # Read when /health fails: a region whose routing control is Off was demoted on purpose, not lost.
  statement {
    sid       = "ReadPeerAuthority"
    actions   = ["route53-recovery-cluster:GetRoutingControlState"]
    resources = [local.routing_control_arns[local.peer_of[each.key]]]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.peer_probe_log_group_arns[each.key]}:*"]
  }

  statement {
    sid       = "DecryptEnvironment"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arns[each.key]]
  }

  # The on-failure destination of the scheduled canary (modules/region/async-failures.tf), as for
  # region-fence: sqs:SendMessage on this region's queue, and kms:GenerateDataKey with kms:Decrypt
  # (above) on the key it is encrypted with.
  statement {
    sid       = "SendFailedInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [local.async_failure_queue_arns[each.key]]
  }

  statement {
    sid       = "EncryptFailedInvocations"
    actions   = ["kms:GenerateDataKey"]
    resources = [local.kms_key_arns[each.key]]
  }

  statement {
    sid       = "Trace"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"] # X-Ray accepts no resource-level permission.
  }
}

resource "aws_iam_role_policy" "primary_probe" {
  for_each = local.region_keys
  provider = aws.primary

  name   = "primary-probe"
  role   = aws_iam_role.primary_probe[each.key].id
  policy = data.aws_iam_policy_document.primary_probe[each.key].json
}

moved {
  from = aws_iam_role_policy.primary_probe[0]
  to   = aws_iam_role_policy.primary_probe["secondary"]
}

# --- EventBridge ---------------------------------------------------------------------------------------

data "aws_iam_policy_document" "events_assume" {
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "event_forwarder" {
  for_each = local.region_keys
  provider = aws.primary

  name               = "${var.name_prefix}-${local.regions[each.key]}-event-forwarder"
  description        = "Forwards trading.platform events from ${local.regions[each.key]} to ${local.regions[local.peer_of[each.key]]}."
  assume_role_policy = data.aws_iam_policy_document.events_assume.json
}

data "aws_iam_policy_document" "event_forwarder" {
  for_each = local.region_keys
  provider = aws.primary

  statement {
    actions   = ["events:PutEvents"]
    resources = [local.default_bus_arns[local.peer_of[each.key]]]
  }
}

resource "aws_iam_role_policy" "event_forwarder" {
  for_each = local.region_keys
  provider = aws.primary

  name   = "put-events-to-peer"
  role   = aws_iam_role.event_forwarder[each.key].id
  policy = data.aws_iam_policy_document.event_forwarder[each.key].json
}

resource "aws_iam_role" "failover_trigger" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.primary

  name               = "${var.name_prefix}-${local.regions.secondary}-failover-trigger"
  description        = "Starts the failover state machine in ${local.regions.secondary} when the primary-unreachable alarm fires."
  assume_role_policy = data.aws_iam_policy_document.events_assume.json
}

data "aws_iam_policy_document" "failover_trigger" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.primary

  statement {
    actions   = ["states:StartExecution"]
    resources = [module.secondary.state_machine_arn]
  }
}

resource "aws_iam_role_policy" "failover_trigger" {
  count    = var.auto_failover_enabled ? 1 : 0
  provider = aws.primary

  name   = "start-failover"
  role   = aws_iam_role.failover_trigger[0].id
  policy = data.aws_iam_policy_document.failover_trigger[0].json
}
