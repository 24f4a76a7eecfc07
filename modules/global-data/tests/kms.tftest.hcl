# KMS: multi-region keys with rotation and a replica each; key policies with administration by the
# account, use only through each domain's services in the key's own region; CloudWatch Logs and
# alarm/event delivery only on the logs key; aliases in both regions.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

run "keys_are_multi_region_with_rotation" {
  command = plan

  assert {
    condition     = alltrue([for k in aws_kms_key.this : k.multi_region && k.enable_key_rotation])
    error_message = "every primary key must be multi-region with rotation on"
  }

  assert {
    condition     = toset(keys(aws_kms_replica_key.this)) == toset(keys(aws_kms_key.this))
    error_message = "every primary key needs a replica in the secondary region"
  }
}

run "key_policies_name_their_region_and_services" {
  command = plan

  assert {
    condition     = alltrue([for k, key in aws_kms_key.this : key.policy == data.aws_iam_policy_document.key["primary-${k}"].json])
    error_message = "each primary key must carry the primary-region policy of its own domain"
  }

  assert {
    condition     = alltrue([for k, key in aws_kms_replica_key.this : key.policy == data.aws_iam_policy_document.key["secondary-${k}"].json])
    error_message = "each replica key must carry the secondary-region policy of its own domain"
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.key["primary-database"].statement[1].condition).values) == toset(["rds.us-east-1.amazonaws.com", "backup.us-east-1.amazonaws.com"])
    error_message = "the database key must be usable through RDS and AWS Backup (the locked vaults) in its own region only"
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.key["secondary-data"].statement[1].condition).values) == toset(["dynamodb.us-east-2.amazonaws.com", "s3.us-east-2.amazonaws.com", "ssm.us-east-2.amazonaws.com", "lambda.us-east-2.amazonaws.com"])
    error_message = "the replica data key must name DynamoDB, S3, SSM and Lambda in the secondary region"
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.key["primary-logs"].statement[1].condition).values) == toset(["sqs.us-east-1.amazonaws.com", "sns.us-east-1.amazonaws.com", "lambda.us-east-1.amazonaws.com", "states.us-east-1.amazonaws.com"])
    error_message = "the logs key must name SQS, SNS, Lambda and Step Functions in its region"
  }

  assert {
    condition = alltrue([for k, doc in data.aws_iam_policy_document.key :
      doc.statement[0].principals == toset([{ type = "AWS", identifiers = toset(["arn:aws:iam::111122223333:root"]) }])
      && !contains(doc.statement[0].actions, "kms:CreateGrant")
      && !contains(doc.statement[0].actions, "kms:Decrypt")
      && length(setintersection(doc.statement[0].actions, ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy", "kms:Disable*", "kms:Delete*", "kms:*"])) == 0
    ])
    error_message = "the account's administration statement must grant no cryptographic use and no deletion, disabling or re-policy"
  }
}

# Decision 006: only the key administrator role may disable, delete or re-policy a key.
run "key_destruction_is_for_the_key_administrator_only" {
  command = plan

  assert {
    condition = alltrue([for k, doc in data.aws_iam_policy_document.key :
      anytrue([for st in doc.statement : st.sid != "DenyKeyDestructionOutsideKeyAdministrator" ? false : (st.effect == "Deny"
        && length(setsubtract(["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"], st.actions)) == 0
        && one(st.principals).identifiers == toset(["*"])
        && one(st.condition).test == "ArnNotEquals" && one(st.condition).variable == "aws:PrincipalArn"
        && toset(one(st.condition).values) == toset(["arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"]))
      ])
    ])
    error_message = "every key policy must deny ScheduleKeyDeletion, DisableKey and PutKeyPolicy to every principal but the key administrator role"
  }

  assert {
    condition     = length(aws_iam_role.key_admin) == 1 && aws_iam_role.key_admin[0].name == "trading-dev-kms-key-admin" && output.key_admin_role_arn == "arn:aws:iam::111122223333:role/trading-dev-kms-key-admin"
    error_message = "without key_admin_role_arn the module must create the key administrator role and name it in the policies"
  }

  assert {
    condition     = alltrue([for k in aws_kms_key.this : k.bypass_policy_lockout_safety_check]) && alltrue([for k in aws_kms_replica_key.this : k.bypass_policy_lockout_safety_check])
    error_message = "the applying principal is not the key administrator, so the keys must skip KMS's lockout check"
  }
}

run "a_named_key_administrator_replaces_the_module_role" {
  command = plan

  variables {
    key_admin_role_arn = "arn:aws:iam::111122223333:role/security/kms-break-glass"
  }

  assert {
    condition     = length(aws_iam_role.key_admin) == 0
    error_message = "with key_admin_role_arn the module must not create its own role"
  }

  assert {
    condition = alltrue([for k, doc in data.aws_iam_policy_document.key :
      anytrue([for st in doc.statement : st.sid != "KeyAdministrator" ? false : one(st.principals).identifiers == toset(["arn:aws:iam::111122223333:role/security/kms-break-glass"])])
    ])
    error_message = "the key policies must name the given key administrator role"
  }
}

run "key_admin_role_arn_must_be_a_role" {
  command = plan

  variables {
    key_admin_role_arn = "arn:aws:iam::111122223333:user/alice"
  }

  expect_failures = [var.key_admin_role_arn]
}

run "only_the_logs_key_admits_service_principals" {
  command = plan

  assert {
    condition     = length(data.aws_iam_policy_document.key["secondary-logs"].statement) == 6
    error_message = "the logs key needs statements for CloudWatch Logs and for alarm/event delivery"
  }

  assert {
    condition     = one(data.aws_iam_policy_document.key["secondary-logs"].statement[2].principals).identifiers == toset(["logs.us-east-2.amazonaws.com"])
    error_message = "the replica logs key must admit the secondary region's CloudWatch Logs principal"
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.key["secondary-logs"].statement[2].condition).values) == toset(["arn:aws:logs:us-east-2:111122223333:log-group:*"])
    error_message = "CloudWatch Logs may use the key only for this account's log groups in this region"
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.key["primary-logs"].statement[3].condition).values) == toset(["111122223333"])
    error_message = "alarm and event delivery must be limited to this account (aws:SourceAccount)"
  }

  assert {
    condition     = length(data.aws_iam_policy_document.key["primary-database"].statement) == 4 && length(data.aws_iam_policy_document.key["secondary-data"].statement) == 4
    error_message = "the database and data keys must not admit service principals"
  }
}

run "aliases_point_at_their_regions_keys" {
  command = plan

  assert {
    condition     = alltrue([for k, a in aws_kms_alias.primary : a.target_key_id == aws_kms_key.this[k].key_id && a.name == "alias/trading-dev-${k}"])
    error_message = "primary aliases must target the primary key of their domain"
  }

  assert {
    condition     = alltrue([for k, a in aws_kms_alias.secondary : a.target_key_id == aws_kms_replica_key.this[k].key_id && a.name == "alias/trading-dev-${k}"])
    error_message = "secondary aliases must target the replica key of their domain"
  }
}

run "outputs_give_each_region_its_own_keys" {
  command = plan

  assert {
    condition     = output.primary.kms_key_arns == { database = "arn:aws:kms:us-east-1:111122223333:key/mrk-database", data = "arn:aws:kms:us-east-1:111122223333:key/mrk-data", logs = "arn:aws:kms:us-east-1:111122223333:key/mrk-logs" }
    error_message = "the primary region must get the primary keys"
  }

  assert {
    condition     = output.secondary.kms_key_arns == { database = "arn:aws:kms:us-east-2:111122223333:key/mrk-database", data = "arn:aws:kms:us-east-2:111122223333:key/mrk-data", logs = "arn:aws:kms:us-east-2:111122223333:key/mrk-logs" }
    error_message = "the secondary region must get the replica keys"
  }
}
