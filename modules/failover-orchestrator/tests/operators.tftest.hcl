# Who may start, stop and approve a recovery (operators.tf): two roles, MFA, disjoint principals, and
# the guard policy that denies the bypasses to everyone but the orchestration.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "no_roles_by_default" {
  command = plan

  assert {
    condition     = length(aws_iam_role.recovery) == 0 && output.recovery_roles.operator == null && output.recovery_roles.approver == null
    error_message = "with empty principal lists no operator or approver role exists"
  }
}

run "two_roles_with_mfa" {
  command = plan

  variables {
    operator_principal_arns = ["arn:aws:iam::111122223333:role/oncall-alice"]
    approver_principal_arns = ["arn:aws:iam::111122223333:role/duty-manager-bob"]
  }

  assert {
    condition = (
      aws_iam_role.recovery["operator"].name == "trading-dev-recovery-operator" &&
      aws_iam_role.recovery["approver"].name == "trading-dev-recovery-approver" &&
      one(data.aws_iam_policy_document.recovery_role_assume["operator"].statement[0].principals).identifiers == toset(["arn:aws:iam::111122223333:role/oncall-alice"]) &&
      one(data.aws_iam_policy_document.recovery_role_assume["approver"].statement[0].principals).identifiers == toset(["arn:aws:iam::111122223333:role/duty-manager-bob"])
    )
    error_message = "each role trusts only its own principals"
  }

  assert {
    condition = alltrue([
      for k in ["operator", "approver"] :
      one(data.aws_iam_policy_document.recovery_role_assume[k].statement[0].condition).variable == "aws:MultiFactorAuthPresent" &&
      one(data.aws_iam_policy_document.recovery_role_assume[k].statement[0].condition).values == tolist(["true"])
    ])
    error_message = "both roles are assumed only with MFA"
  }

  assert {
    condition = (
      [for s in data.aws_iam_policy_document.operator.statement : s if s.sid == "StartAndStopRecoveries"][0].actions == toset(["states:StartExecution", "states:ListExecutions"]) &&
      [for s in data.aws_iam_policy_document.operator.statement : s if s.sid == "NoExecutionHistory"][0].effect == "Deny" &&
      length([for s in data.aws_iam_policy_document.operator.statement : s if contains(tolist(s.actions), "states:SendTaskSuccess")]) == 0
    )
    error_message = "the operator starts, stops and reads, is denied the execution history (it holds the task token) and cannot approve"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.approver.statement[0].actions == toset(["states:SendTaskSuccess", "states:SendTaskFailure"]) &&
      [for s in data.aws_iam_policy_document.approver.statement : s if s.sid == "NoRecoveryStarts"][0].effect == "Deny" &&
      contains(tolist([for s in data.aws_iam_policy_document.approver.statement : s if s.sid == "NoRecoveryStarts"][0].actions), "states:StartExecution")
    )
    error_message = "the approver answers approvals and cannot start a recovery"
  }
}

run "refuses_overlapping_principals" {
  command = plan

  variables {
    operator_principal_arns = ["arn:aws:iam::111122223333:role/oncall-alice", "arn:aws:iam::111122223333:user/carol"]
    approver_principal_arns = ["arn:aws:iam::111122223333:user/carol"]
  }

  expect_failures = [var.operator_principal_arns]
}

run "refuses_a_wildcard" {
  command = plan

  variables {
    operator_principal_arns = ["arn:aws:iam::111122223333:role/*"]
  }

  expect_failures = [var.operator_principal_arns]
}

run "refuses_the_account_root" {
  command = plan

  variables {
    approver_principal_arns = ["arn:aws:iam::111122223333:root"]
  }

  expect_failures = [var.approver_principal_arns]
}

run "guard_denies_the_bypasses_to_everyone_but_the_orchestration" {
  command = plan

  variables {
    auto_failover_enabled = true
    break_glass_role_arns = ["arn:aws:iam::111122223333:role/break-glass"]
  }

  assert {
    condition = toset(flatten([for s in data.aws_iam_policy_document.recovery_guard.statement : tolist(s.actions)])) == toset([
      "route53-recovery-cluster:UpdateRoutingControlState", "route53-recovery-cluster:UpdateRoutingControlStates",
      "ssm:PutParameter", "lambda:InvokeFunction", "rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster",
      "cloudwatch:SetAlarmState", "states:SendTaskSuccess", "states:SendTaskFailure",
    ]) && alltrue([for s in data.aws_iam_policy_document.recovery_guard.statement : s.effect == "Deny"])
    error_message = "the guard denies exactly the calls that bypass the orchestration"
  }

  assert {
    condition = (
      contains(flatten([for c in one([for s in data.aws_iam_policy_document.recovery_guard.statement : s if s.sid == "OnlyTheOrchestrationPromotes"]).condition : c.values]), "arn:aws:iam::111122223333:role/break-glass") &&
      flatten([for c in one([for s in data.aws_iam_policy_document.recovery_guard.statement : s if s.sid == "OnlyTheApproverAnswers"]).condition : c.values]) == ["arn:aws:iam::111122223333:role/trading-dev-recovery-approver", "arn:aws:iam::111122223333:role/break-glass"] &&
      one([for s in data.aws_iam_policy_document.recovery_guard.statement : s if s.sid == "NobodyFakesTheOutageAlarm"]).resources == toset(["arn:aws:cloudwatch:us-east-2:111122223333:alarm:trading-dev-primary-unreachable"])
    )
    error_message = "the exceptions are the orchestration roles and break-glass; only the approver answers; the alarm guarded is the secondary's primary-unreachable"
  }
}
