# The approval queue (modules/region/approvals.tf): a recovery's task token goes only to its own region's
# queue, which only the approver role and the break-glass roles may read; the state machine role may
# send there and nowhere else, and the approver role may read both regions' queues.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "the_queue_is_read_only_by_the_readers" {
  command = apply

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  assert {
    condition = (
      aws_sqs_queue.approvals.name == "trading-dev-failover-approvals" &&
      aws_sqs_queue.approvals.kms_master_key_id == var.kms_key_arn &&
      aws_sqs_queue.approvals.message_retention_seconds == 1800 + 3600
    )
    error_message = "the queue is named by the runbook's convention, encrypted with the region's key, and keeps a request past its approval timeout"
  }

  assert {
    condition = (
      aws_sqs_queue_policy.approvals.queue_url == aws_sqs_queue.approvals.id &&
      aws_sqs_queue_policy.approvals.policy == data.aws_iam_policy_document.approvals.json
    )
    error_message = "the queue carries its own policy"
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.approvals.statement :
      s.effect == "Deny" &&
      toset(s.actions) == toset(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"]) &&
      one(s.principals).identifiers == toset(["*"]) &&
      one(s.condition).test == "ArnNotLike" && one(s.condition).variable == "aws:PrincipalArn" &&
      one(s.condition).values == tolist(["arn:aws:iam::111122223333:role/trading-dev-recovery-approver"])
    ])
    error_message = "reading, hiding, deleting and purging requests are denied to every principal but the readers"
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.approvals.statement :
      s.effect == "Deny" && toset(s.actions) == toset(["sqs:SendMessage"]) &&
      one(s.condition).test == "ArnNotEquals" && one(s.condition).values == tolist([var.state_machine.role_arn])
    ])
    error_message = "only the state machine role may leave requests in the queue"
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.RequestApproval.Resource == "arn:aws:states:::sqs:sendMessage.waitForTaskToken" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.RequestApproval.Parameters.QueueUrl == aws_sqs_queue.approvals.id &&
      !strcontains(jsonencode(jsondecode(aws_sfn_state_machine.this.definition).States.NotifyApprovers), "Task.Token")
    )
    error_message = "the state machine leaves the token in this region's queue, and its topic notice carries none"
  }

  assert {
    condition     = output.approval_queue.url == aws_sqs_queue.approvals.id && output.approval_queue.arn == aws_sqs_queue.approvals.arn
    error_message = "the module outputs its queue"
  }
}

run "refuses_a_queue_no_one_can_read" {
  command = plan

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  variables {
    approval_reader_role_arns = []
  }

  expect_failures = [var.approval_reader_role_arns]
}

run "each_region_requests_in_its_own_queue_and_the_approver_reads_both" {
  command = apply

  variables {
    approver_principal_arns = ["arn:aws:iam::111122223333:role/duty-manager-bob"]
    break_glass_role_arns   = ["arn:aws:iam::111122223333:role/break-glass"]
  }

  assert {
    condition = alltrue([
      for k in ["primary", "secondary"] :
      [for s in data.aws_iam_policy_document.state_machine[k].statement : s if s.sid == "RequestApproval"][0].resources == toset([output.approval_queues[k].arn])
    ]) && output.approval_queues.primary.arn != output.approval_queues.secondary.arn
    error_message = "each region's state machine may send only to its own region's approval queue"
  }

  assert {
    condition = (
      [for s in data.aws_iam_policy_document.approver.statement : s if s.sid == "ReadApprovalRequests"][0].resources == toset([output.approval_queues.primary.arn, output.approval_queues.secondary.arn]) &&
      [for s in data.aws_iam_policy_document.approver.statement : s if s.sid == "DecryptApprovalRequests"][0].resources == toset([var.primary_kms_key_arn, var.secondary_kms_key_arn]) &&
      length([for s in data.aws_iam_policy_document.operator.statement : s if anytrue([for a in s.actions : a == "sqs:ReceiveMessage"])]) == 0
    )
    error_message = "the approver reads and decrypts both regions' requests; the operator cannot"
  }

  assert {
    condition = alltrue([
      for k in ["primary", "secondary"] :
      contains(tolist([for s in data.aws_iam_policy_document.operator.statement : s if s.sid == "ReadQueues"][0].resources), output.approval_queues[k].arn)
    ])
    error_message = "make status counts the approval requests of both regions (GetQueueAttributes only)"
  }

  assert {
    condition = alltrue([
      for k in ["primary", "secondary"] :
      toset(output.approval_queues[k].readers) == toset(["arn:aws:iam::111122223333:role/trading-dev-recovery-approver", "arn:aws:iam::111122223333:role/break-glass"])
    ])
    error_message = "both queues admit the approver role and the break-glass roles, and no one else"
  }
}
