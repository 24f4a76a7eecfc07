# One role per function and per service integration. IAM is global, so every role name carries the
# region. Actions are scoped to the exact ARNs of THIS region's resources; Resource "*" appears only
# for actions that support no resource-level permissions, each marked where it is granted.

locals {
  log_stream_arns = { for k, g in aws_cloudwatch_log_group.function : k => "${g.arn}:*" }

  peer_cluster_arn = "arn:${local.partition}:rds:${var.peer_region}:${local.account_id}:cluster:${local.peer_cluster_identifier}"
  peer_table_arn   = "arn:${local.partition}:dynamodb:${var.peer_region}:${local.account_id}:table/${var.sessions_table.name}"

  # The orchestrator writes the health-check IDs in both regions; the validator falls back to the
  # peer's copy when this region's SSM does not answer.
  health_check_ids_parameter_arns = [for r in [local.region, var.peer_region] : "arn:${local.partition}:ssm:${r}:${local.account_id}:parameter${local.health_check_ids_name}"]
  db_user_arns                    = { for k, user in local.db_users : k => "arn:${local.partition}:rds-db:${local.region}:${local.account_id}:dbuser:${aws_rds_cluster.this.cluster_resource_id}/${user}" }

  # Actions with no resource-level permissions; AWS evaluates them only against Resource "*".
  xray_actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
  # Lambda creates and deletes the Hyperplane network interfaces of a VPC function with its execution
  # role; the interfaces do not exist when the role is evaluated, and the Describe calls cannot be
  # scoped, so AWS documents these with Resource "*" (AWSLambdaVPCAccessExecutionRole:
  # https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html).
  vpc_eni_actions = [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
  ]
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# --- trade-processor ------------------------------------------------------------------------------

resource "aws_iam_role" "trade_processor" {
  name               = "${local.role_prefix}-trade-processor"
  description        = "trade-processor in ${local.region}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "trade_processor" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [local.log_stream_arns.trade_processor]
  }

  statement {
    sid       = "XRayUnscopable"
    actions   = local.xray_actions
    resources = ["*"]
  }

  statement {
    sid       = "VpcNetworkInterfacesUnscopable"
    actions   = local.vpc_eni_actions
    resources = ["*"]
  }

  statement {
    sid       = "ConsumeTradeQueue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.trade_orders.arn]
  }

  statement {
    sid       = "DecryptQueueMessages"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arns.logs]
  }

  statement {
    sid       = "UpsertSessions"
    actions   = ["dynamodb:UpdateItem"]
    resources = [var.sessions_table.arn]
  }

  statement {
    sid     = "WriteAuditRecords"
    actions = ["s3:PutObject"]
    # trades/ for committed orders, rejected/ for stale orders kept instead of executed late.
    resources = ["${var.audit_bucket.arn}/trades/*", "${var.audit_bucket.arn}/rejected/*"]
  }

  # The data key encrypts the audit objects, the session items and this function's environment.
  statement {
    sid       = "UseDataKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arns.data]
  }

  statement {
    sid       = "ConnectAsTradeProcessor"
    actions   = ["rds-db:connect"]
    resources = [local.db_user_arns.trade_processor]
  }

  # The local mirror of the authority: the processor commits only while this region's flag is "true".
  statement {
    sid       = "ReadServingFlag"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.serving.arn]
  }
}

resource "aws_iam_role_policy" "trade_processor" {
  name   = "least-privilege"
  role   = aws_iam_role.trade_processor.id
  policy = data.aws_iam_policy_document.trade_processor.json
}

# --- health ---------------------------------------------------------------------------------------

resource "aws_iam_role" "health" {
  name               = "${local.role_prefix}-health"
  description        = "health in ${local.region}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "health" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [local.log_stream_arns.health]
  }

  statement {
    sid       = "XRayUnscopable"
    actions   = local.xray_actions
    resources = ["*"]
  }

  statement {
    sid       = "VpcNetworkInterfacesUnscopable"
    actions   = local.vpc_eni_actions
    resources = ["*"]
  }

  statement {
    sid       = "ReadServingFlag"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.serving.arn]
  }

  # The writer check asks this region's cluster whether it is the writer, as its own user, which
  # may connect and read no table.
  statement {
    sid       = "ConnectForWriterCheck"
    actions   = ["rds-db:connect"]
    resources = [local.db_user_arns.health]
  }

  statement {
    sid       = "ProbeTradeQueue"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.trade_orders.arn]
  }

  statement {
    sid       = "ProbeSessionsTable"
    actions   = ["dynamodb:DescribeTable"]
    resources = [var.sessions_table.arn]
  }

  statement {
    sid       = "DecryptEnvironment"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arns.data]
  }
}

resource "aws_iam_role_policy" "health" {
  name   = "least-privilege"
  role   = aws_iam_role.health.id
  policy = data.aws_iam_policy_document.health.json
}

# --- db-migrator ----------------------------------------------------------------------------------

resource "aws_iam_role" "db_migrator" {
  name               = "${local.role_prefix}-db-migrator"
  description        = "db-migrator in ${local.region}: schema migrations and database users at apply"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "db_migrator" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [local.log_stream_arns.db_migrator]
  }

  statement {
    sid       = "XRayUnscopable"
    actions   = local.xray_actions
    resources = ["*"]
  }

  statement {
    sid       = "VpcNetworkInterfacesUnscopable"
    actions   = local.vpc_eni_actions
    resources = ["*"]
  }

  # The master password, read at run time; it logs in with it (no IAM database user: it creates them).
  statement {
    sid       = "ReadMasterPassword"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.db_master_password.arn]
  }

  # The data key encrypts the password parameter and this function's environment.
  statement {
    sid       = "DecryptWithDataKey"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arns.data]
  }
}

resource "aws_iam_role_policy" "db_migrator" {
  name   = "least-privilege"
  role   = aws_iam_role.db_migrator.id
  policy = data.aws_iam_policy_document.db_migrator.json
}

# --- failover-validator: read-only, in this region and the peer ----------------------------------

resource "aws_iam_role" "failover_validator" {
  name               = "${local.role_prefix}-failover-validator"
  description        = "failover-validator in ${local.region} (read-only, both regions)"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    precondition {
      condition     = length("${local.role_prefix}-failover-validator") <= 64
      error_message = "IAM role name ${local.role_prefix}-failover-validator exceeds 64 characters: shorten name_prefix."
    }
  }
}

data "aws_iam_policy_document" "failover_validator" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [local.log_stream_arns.failover_validator]
  }

  statement {
    sid       = "XRayUnscopable"
    actions   = local.xray_actions
    resources = ["*"]
  }

  statement {
    sid       = "DescribeGlobalCluster"
    actions   = ["rds:DescribeGlobalClusters"]
    resources = [var.global_cluster.arn]
  }

  statement {
    sid       = "DescribeMemberClusters"
    actions   = ["rds:DescribeDBClusters"]
    resources = [aws_rds_cluster.this.arn, local.peer_cluster_arn]
  }

  # GetMetricData has no resource-level permissions (RPO lag, replication latency and S3
  # replication metrics are read in both regions).
  statement {
    sid       = "ReadMetricsUnscopable"
    actions   = ["cloudwatch:GetMetricData"]
    resources = ["*"]
  }

  statement {
    sid       = "DescribeSessionsReplicas"
    actions   = ["dynamodb:DescribeTable"]
    resources = [var.sessions_table.arn, local.peer_table_arn]
  }

  statement {
    sid       = "ReadBucketReplication"
    actions   = ["s3:GetReplicationConfiguration"]
    resources = [var.config_bucket.arn, var.audit_bucket.arn]
  }

  # The orchestrator creates the health checks after this stack, so their IDs cannot be named here;
  # the ARN pattern still limits the action to health checks.
  statement {
    sid       = "ReadHealthCheckStatus"
    actions   = ["route53:GetHealthCheckStatus"]
    resources = ["arn:${local.partition}:route53:::healthcheck/*"]
  }

  # ListEventSourceMappings has no resource-level permissions.
  statement {
    sid       = "ListEventSourceMappingsUnscopable"
    actions   = ["lambda:ListEventSourceMappings"]
    resources = ["*"]
  }

  statement {
    sid       = "ReadHealthCheckIds"
    actions   = ["ssm:GetParameter"]
    resources = local.health_check_ids_parameter_arns
  }

  statement {
    sid       = "DecryptEnvironment"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arns.data]
  }

  # The failure destination of its asynchronous (scheduled) invocations: Lambda sends the failed event
  # with this role, to a queue encrypted with the logs key.
  # https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
  statement {
    sid       = "SendFailedInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.async_failures.arn]
  }

  statement {
    sid       = "EncryptFailedInvocations"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arns.logs]
  }
}

resource "aws_iam_role_policy" "failover_validator" {
  name   = "least-privilege"
  role   = aws_iam_role.failover_validator.id
  policy = data.aws_iam_policy_document.failover_validator.json
}

# --- API Gateway -> SQS ---------------------------------------------------------------------------

data "aws_iam_policy_document" "apigateway_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_queue" {
  name               = "${local.role_prefix}-api-trade-queue"
  description        = "API Gateway POST /trades in ${local.region}: send to the trade-orders queue"
  assume_role_policy = data.aws_iam_policy_document.apigateway_assume.json
}

data "aws_iam_policy_document" "api_queue" {
  statement {
    sid       = "SendTradeOrders"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.trade_orders.arn]
  }

  # What POST /trades calls instead when the region is not active (the stage variable `active` is not
  # "true"): it reads the queue's ARN, queues nothing, and the response is overridden to 503.
  statement {
    sid       = "AnswerWhenNotActive"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.trade_orders.arn]
  }

  statement {
    sid       = "EncryptWithQueueKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arns.logs]
  }
}

resource "aws_iam_role_policy" "api_queue" {
  name   = "least-privilege"
  role   = aws_iam_role.api_queue.id
  policy = data.aws_iam_policy_document.api_queue.json
}

# --- API Gateway account CloudWatch role ----------------------------------------------------------

resource "aws_iam_role" "api_cloudwatch" {
  name               = "${local.role_prefix}-apigateway-logs"
  description        = "API Gateway account setting in ${local.region}: write access and execution logs"
  assume_role_policy = data.aws_iam_policy_document.apigateway_assume.json
}

data "aws_iam_policy_document" "api_cloudwatch" {
  # The role is an account-wide setting of the region, so it covers API Gateway's log groups by
  # name pattern rather than only this API's.
  statement {
    sid = "WriteApiGatewayLogs"
    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]
    resources = [
      "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:API-Gateway-Execution-Logs_*",
      "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:API-Gateway-Execution-Logs_*:*",
      "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/apigateway/*",
      "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/apigateway/*:*",
    ]
  }

  # DescribeLogGroups lists groups: its narrowest resource is every group of the account and region.
  statement {
    sid       = "ListLogGroups"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }
}

resource "aws_iam_role_policy" "api_cloudwatch" {
  name   = "least-privilege"
  role   = aws_iam_role.api_cloudwatch.id
  policy = data.aws_iam_policy_document.api_cloudwatch.json
}

# --- VPC flow logs --------------------------------------------------------------------------------

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Only flow logs of this account and region may use the role (confused-deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:vpc-flow-log/*"]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  name               = "${local.role_prefix}-flow-logs"
  description        = "VPC flow logs of ${aws_vpc.this.tags.Name} to CloudWatch Logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json
}

data "aws_iam_policy_document" "flow_logs" {
  statement {
    sid       = "WriteFlowLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"]
    resources = [aws_cloudwatch_log_group.flow_logs.arn, "${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "least-privilege"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs.json
}

# --- RDS Enhanced Monitoring ----------------------------------------------------------------------

# RDS assumes this role to publish the instances' OS metrics; only for DB instances of this account
# and region (confused-deputy conditions as AWS documents them for the monitoring role).
# https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Monitoring.OS.Enabling.html
data "aws_iam_policy_document" "rds_monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:rds:${local.region}:${local.account_id}:db:*"]
    }
  }
}

resource "aws_iam_role" "rds_monitoring" {
  name               = "${local.role_prefix}-rds-monitoring"
  description        = "RDS Enhanced Monitoring of ${local.cluster_identifier}'s instances"
  assume_role_policy = data.aws_iam_policy_document.rds_monitoring_assume.json
}

# AWS's managed policy for the role: CloudWatch Logs writes to the RDSOSMetrics log group only.
resource "aws_iam_role_policy_attachment" "rds_monitoring" {
  role       = aws_iam_role.rds_monitoring.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}
