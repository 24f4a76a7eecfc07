# The CI roles: a plan role per environment that reads and locks only that environment's state and
# is denied the trading data, and an apply role, both assumable only by ci_principal_arns.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "replica"
  source = "./tests/mocks"
}

override_resource {
  target = module.primary.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::trading-tfstate-210987654321-us-east-1", id = "trading-tfstate-210987654321-us-east-1" }
}

override_resource {
  target = module.replica.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::trading-tfstate-210987654321-us-east-2", id = "trading-tfstate-210987654321-us-east-2" }
}

variables {
  project           = "trading"
  account_id        = "210987654321"
  environments      = ["dev", "prod"]
  ci_principal_arns = ["arn:aws:iam::210987654321:role/atlantis-server"]
}

run "no_principals_no_roles" {
  command = apply

  variables {
    ci_principal_arns = []
  }

  assert {
    condition     = length(aws_iam_role.ci_plan) == 0 && length(aws_iam_role.ci_apply) == 0 && output.ci_aws_config == ""
    error_message = "without ci_principal_arns no CI role exists"
  }
}

run "a_plan_and_an_apply_role_per_environment" {
  command = apply

  assert {
    condition     = toset(keys(aws_iam_role.ci_plan)) == toset(["dev", "prod"]) && aws_iam_role.ci_plan["prod"].name == "trading-prod-plan" && aws_iam_role.ci_apply["dev"].name == "trading-dev-apply"
    error_message = "each environment has <project>-<env>-plan and <project>-<env>-apply"
  }

  assert {
    condition     = one(one(data.aws_iam_policy_document.ci_trust[0].statement).principals).identifiers == toset(["arn:aws:iam::210987654321:role/atlantis-server"])
    error_message = "only ci_principal_arns may assume the CI roles"
  }

  assert {
    condition     = aws_iam_role_policy_attachment.ci_plan_read_only["dev"].policy_arn == "arn:aws:iam::aws:policy/ReadOnlyAccess" && aws_iam_role_policy_attachment.ci_apply_admin["dev"].policy_arn == "arn:aws:iam::aws:policy/AdministratorAccess"
    error_message = "plan reads (ReadOnlyAccess); apply administers"
  }
}

run "the_plan_role_locks_only_its_own_state" {
  command = apply

  assert {
    condition = one([for s in data.aws_iam_policy_document.ci_plan["prod"].statement : s.resources if s.sid == "WriteStateLock"]) == toset([
      "arn:aws:s3:::trading-tfstate-210987654321-us-east-1/trading-platform/prod/terraform.tfstate.tflock",
      "arn:aws:s3:::trading-tfstate-210987654321-us-east-2/trading-platform/prod/terraform.tfstate.tflock",
    ])
    error_message = "the prod plan role writes only prod's lock object, in either bucket"
  }

  assert {
    condition     = toset(one([for s in data.aws_iam_policy_document.ci_plan["prod"].statement : s.actions if s.sid == "WriteStateLock"])) == toset(["s3:PutObject", "s3:DeleteObject"])
    error_message = "the lock statement grants only the lock object's put and delete"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.ci_plan["dev"].statement : s.resources if s.sid == "ReadState"]) == toset(["arn:aws:s3:::trading-tfstate-210987654321-us-east-1/trading-platform/dev/terraform.tfstate", "arn:aws:s3:::trading-tfstate-210987654321-us-east-2/trading-platform/dev/terraform.tfstate"])
    error_message = "the dev plan role reads dev's state only (beyond what ReadOnlyAccess already reads)"
  }
}

run "the_plan_role_is_denied_trading_data_and_tokens" {
  command = apply

  assert {
    condition = alltrue([for a in ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "sqs:ReceiveMessage", "states:GetExecutionHistory", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "secretsmanager:GetSecretValue"] :
    contains(flatten([for s in data.aws_iam_policy_document.ci_plan["dev"].statement : s.actions if s.effect == "Deny"]), a)])
    error_message = "ReadOnlyAccess's data reads (items, messages, execution histories with approval tokens, logs, secrets) are denied to the plan role"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.ci_plan["dev"].statement : s.resources if s.sid == "DenyAuditObjects"]) == toset(["arn:aws:s3:::*-audit-*/*"])
    error_message = "the audit buckets' objects are denied to the plan role"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.ci_plan["dev"].statement : s.actions if s.sid == "GenerateDatabasePassword"]) == toset(["secretsmanager:GetRandomPassword"])
    error_message = "plan may generate the master password (GetRandomPassword) and read no secret"
  }
}

run "the_plan_role_decrypts_only_through_the_services_refresh_reads" {
  command = apply

  assert {
    condition     = one([for s in data.aws_iam_policy_document.ci_plan["dev"].statement : toset(one(s.condition).values) if s.sid == "DecryptForRefresh"]) == toset(["ssm.*.amazonaws.com", "lambda.*.amazonaws.com", "s3.*.amazonaws.com"])
    error_message = "kms:Decrypt only via SSM, Lambda and S3 (refresh of SecureStrings, function environments and objects)"
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.ci_plan["dev"].statement : s if contains(coalesce(s.actions, []), "kms:Decrypt") && s.sid != "StateKey" && length(coalesce(s.condition, [])) == 0]) == 0
    error_message = "no unconditioned kms:Decrypt beyond the state keys"
  }
}

run "profiles_for_the_server" {
  command = apply

  variables {
    ci_credential_source = "EcsContainer"
  }

  assert {
    condition     = strcontains(output.ci_aws_config, "[profile trading-prod-plan]") && strcontains(output.ci_aws_config, "[profile trading-dev-apply]") && strcontains(output.ci_aws_config, "credential_source = EcsContainer")
    error_message = "ci_aws_config has one plan and one apply profile per environment with the chosen credential source"
  }
}

run "an_account_root_is_refused" {
  command = plan

  variables {
    ci_principal_arns = ["arn:aws:iam::210987654321:root"]
  }

  expect_failures = [var.ci_principal_arns]
}

run "an_unknown_credential_source_is_refused" {
  command = plan

  variables {
    ci_credential_source = "Ec2"
  }

  expect_failures = [var.ci_credential_source]
}
