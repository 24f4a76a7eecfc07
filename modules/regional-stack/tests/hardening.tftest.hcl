# Issue 15 hardening of one region's stack (docs/threat-model.md): the trade queue takes SendMessage
# only from the API's integration role (threat 5), every VPC endpoint lets through only what this
# stack's functions call, in this account (threat 7), and the RDS PostgreSQL log group exists with
# retention and the logs key before the cluster exports to it (threat 7).
# The mocked aws_iam_policy_document returns fixed JSON, so the policies are checked on the statements
# each document is given, and each resource is checked to carry its own document.
mock_provider "aws" {
  source = "./tests/mocks"
}

# Distinct ARNs for the principals and parameters the policies name, so a test notices the wrong one.
override_resource {
  target = aws_iam_role.api_queue
  values = { arn = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-api-trade-queue" }
}

override_resource {
  target = aws_iam_role.trade_processor
  values = { arn = "arn:aws:iam::111122223333:role/trading-dev-us-east-1-trade-processor" }
}

override_resource {
  target = aws_ssm_parameter.db_master_password
  values = { arn = "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/db-master-password" }
}

override_resource {
  target = aws_sqs_queue.dead_letter
  values = {
    arn = "arn:aws:sqs:us-east-1:111122223333:trading-dev-trade-orders-dlq"
    url = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders-dlq"
  }
}

run "trade_queue_takes_orders_only_from_the_api_role" {
  command = apply

  assert {
    condition = length([for st in data.aws_iam_policy_document.queue["trade_orders"].statement : st if st.sid == "DenySendExceptApiIntegrationRole"
      && st.effect == "Deny"
      && st.actions == toset(["sqs:SendMessage"])
      && st.resources == toset([aws_sqs_queue.trade_orders.arn])
      && st.principals == toset([{ type = "*", identifiers = toset(["*"]) }])
      && one(st.condition).test == "ArnNotEquals"
      && one(st.condition).variable == "aws:PrincipalArn"
      && one(st.condition).values == tolist(["arn:aws:iam::111122223333:role/trading-dev-us-east-1-api-trade-queue"])
    ]) == 1
    error_message = "the trade queue's policy must deny sqs:SendMessage to every principal whose aws:PrincipalArn is not the API's integration role"
  }

  assert {
    condition     = aws_sqs_queue_policy.this["trade_orders"].queue_url == aws_sqs_queue.trade_orders.id && aws_sqs_queue_policy.this["trade_orders"].policy == data.aws_iam_policy_document.queue["trade_orders"].json
    error_message = "the trade queue must carry its own policy document"
  }

  # What the policy must leave alone: the processor's receive, delete and visibility changes, the DLQ
  # redrive (done by SQS itself), and the account's management of the policy (SetQueueAttributes).
  assert {
    condition = alltrue(flatten([for k, d in data.aws_iam_policy_document.queue : [for st in d.statement :
      st.effect != "Deny" || st.actions == toset(["sqs:SendMessage"]) || (st.sid == "DenyInsecureTransport" && one(st.condition).variable == "aws:SecureTransport")
    ]]))
    error_message = "apart from the TLS deny, the queue policies may deny nothing but sqs:SendMessage (receive, delete, redrive and policy management must stay with IAM)"
  }

  assert {
    condition     = length(data.aws_iam_policy_document.queue["dead_letter"].statement) == 1 && data.aws_iam_policy_document.queue["dead_letter"].statement[0].sid == "DenyInsecureTransport"
    error_message = "the DLQ's policy only refuses plain HTTP: SQS moves failed messages into it itself"
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.trade_orders.redrive_policy).deadLetterTargetArn == aws_sqs_queue.dead_letter.arn && jsondecode(aws_sqs_queue_redrive_allow_policy.dead_letter.redrive_allow_policy).sourceQueueArns == [aws_sqs_queue.trade_orders.arn]
    error_message = "the redrive from the trade queue into the DLQ must stay configured"
  }
}

run "endpoints_let_through_only_this_stacks_calls" {
  command = apply

  assert {
    condition     = toset(keys(data.aws_iam_policy_document.endpoint)) == toset(["s3", "dynamodb", "ssm", "sqs"])
    error_message = "every gateway and interface endpoint needs its own policy document"
  }

  assert {
    condition = alltrue(concat(
      [for k, e in aws_vpc_endpoint.gateway : e.policy == data.aws_iam_policy_document.endpoint[k].json],
      [for k, e in aws_vpc_endpoint.interface : e.policy == data.aws_iam_policy_document.endpoint[k].json],
    ))
    error_message = "each endpoint must carry its own policy instead of the full-access default"
  }

  assert {
    condition = alltrue([for k, d in data.aws_iam_policy_document.endpoint :
      length(d.statement) == 1
      && d.statement[0].effect != "Deny"
      && d.statement[0].principals == toset([{ type = "*", identifiers = toset(["*"]) }])
      && d.statement[0].condition == toset([
        { test = "StringEquals", variable = "aws:PrincipalAccount", values = tolist(["111122223333"]) },
        { test = "StringEquals", variable = "aws:ResourceAccount", values = tolist(["111122223333"]) },
      ])
    ])
    error_message = "every endpoint policy must allow only principals and resources of this account (aws:PrincipalAccount and aws:ResourceAccount)"
  }

  assert {
    condition = alltrue(flatten([for k, d in data.aws_iam_policy_document.endpoint : [
      [for a in d.statement[0].actions : a != "*" && !endswith(a, ":*")],
      [for r in d.statement[0].resources : r != "*"],
    ]]))
    error_message = "no endpoint policy may allow every action of a service or every resource"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.endpoint["s3"].statement[0].actions == toset(["s3:PutObject"])
      && data.aws_iam_policy_document.endpoint["s3"].statement[0].resources == toset(["arn:aws:s3:::trading-dev-audit-us-east-1/trades/*", "arn:aws:s3:::trading-dev-audit-us-east-1/rejected/*"])
    )
    error_message = "the S3 endpoint lets through only the processor's audit and rejection records"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.endpoint["dynamodb"].statement[0].actions == toset(["dynamodb:UpdateItem", "dynamodb:DescribeTable"])
      && data.aws_iam_policy_document.endpoint["dynamodb"].statement[0].resources == toset([var.sessions_table.arn])
    )
    error_message = "the DynamoDB endpoint lets through only the session upsert and the health probe, on this region's sessions table"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.endpoint["ssm"].statement[0].actions == toset(["ssm:GetParameter"])
      && data.aws_iam_policy_document.endpoint["ssm"].statement[0].resources == toset([aws_ssm_parameter.serving.arn, "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/db-master-password"])
    )
    error_message = "the SSM endpoint lets through only reads of the serving flag and the migrator's password parameter"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.endpoint["sqs"].statement[0].actions == toset(["sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"])
      && data.aws_iam_policy_document.endpoint["sqs"].statement[0].resources == toset([aws_sqs_queue.trade_orders.arn])
    )
    error_message = "the SQS endpoint lets through only the health probe and the processor's visibility changes, on the trade queue (no SendMessage)"
  }
}

run "rds_log_group_has_retention_and_the_logs_key" {
  command = apply

  variables {
    log_retention_days = 90
  }

  assert {
    condition     = aws_cloudwatch_log_group.database.name == "/aws/rds/cluster/${aws_rds_cluster.this.cluster_identifier}/postgresql" && aws_cloudwatch_log_group.database.name == "/aws/rds/cluster/trading-dev-us-east-1/postgresql"
    error_message = "the PostgreSQL log group must carry the name RDS exports the cluster's log to"
  }

  assert {
    condition     = aws_cloudwatch_log_group.database.retention_in_days == 90 && aws_cloudwatch_log_group.database.kms_key_id == var.kms_key_arns.logs
    error_message = "the PostgreSQL log group must expire after log_retention_days and be encrypted with this region's logs key"
  }

  assert {
    condition     = aws_rds_cluster.this.enabled_cloudwatch_logs_exports == toset(["postgresql"])
    error_message = "the cluster exports its PostgreSQL log (to the group above)"
  }
}
