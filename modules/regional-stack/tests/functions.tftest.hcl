# The three functions, their event sources, roles and the role-dependent initial state.
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  function_settings = {
    trade_processor    = { reserved_concurrency = 20, timeout_seconds = 45 }
    health             = { reserved_concurrency = 4 }
    failover_validator = { reserved_concurrency = 1 }
  }
  trade_queue = { batch_size = 25, maximum_batching_window_in_seconds = 2 }
}

run "primary_functions" {
  command = apply

  assert {
    condition = alltrue([for f in [aws_lambda_function.trade_processor, aws_lambda_function.health, aws_lambda_function.failover_validator] :
      f.runtime == "nodejs22.x" && f.architectures == tolist(["arm64"]) && f.tracing_config[0].mode == "Active" && f.handler == "index.handler"
    ])
    error_message = "every function must be nodejs22.x on arm64 with active tracing and the bundle's index.handler"
  }

  assert {
    condition = (
      aws_lambda_function.trade_processor.reserved_concurrent_executions == 20 &&
      aws_lambda_function.health.reserved_concurrent_executions == 4 &&
      aws_lambda_function.failover_validator.reserved_concurrent_executions == 1
    )
    error_message = "reserved concurrency comes from function_settings per function"
  }

  assert {
    condition = alltrue([for f in [aws_lambda_function.trade_processor, aws_lambda_function.health, aws_lambda_function.failover_validator] :
      f.kms_key_arn == var.kms_key_arns.data && f.source_code_hash == filebase64sha256("tests/fixtures/function.zip")
    ])
    error_message = "environment variables must be encrypted with the data key, and code changes must redeploy (source_code_hash)"
  }

  assert {
    condition = alltrue([for k, f in { trade_processor = aws_lambda_function.trade_processor, health = aws_lambda_function.health, failover_validator = aws_lambda_function.failover_validator } :
      f.logging_config[0].log_group == aws_cloudwatch_log_group.function[k].name && aws_cloudwatch_log_group.function[k].name == "/aws/lambda/${f.function_name}"
    ])
    error_message = "each function must log to its own explicit /aws/lambda/<name> group"
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.function : g.kms_key_id == var.kms_key_arns.logs && g.retention_in_days == 30])
    error_message = "function log groups must use the logs key and expire"
  }

  assert {
    condition = (
      aws_lambda_function.trade_processor.vpc_config[0].security_group_ids == toset([aws_security_group.lambda.id]) &&
      aws_lambda_function.health.vpc_config[0].security_group_ids == toset([aws_security_group.lambda.id]) &&
      length(aws_lambda_function.trade_processor.vpc_config[0].subnet_ids) == 3 &&
      length(aws_lambda_function.health.vpc_config[0].subnet_ids) == 3 &&
      length(aws_lambda_function.failover_validator.vpc_config) == 0
    )
    error_message = "trade-processor and health run in the private subnets; the validator runs outside the VPC"
  }

  assert {
    condition = (
      aws_lambda_function.trade_processor.function_name == "trading-dev-trade-processor" &&
      aws_lambda_function.health.function_name == "trading-dev-health" &&
      aws_lambda_function.failover_validator.function_name == "trading-dev-failover-validator"
    )
    error_message = "function names must be identical in both regions (no region in the name)"
  }

  assert {
    condition     = aws_iam_role.trade_processor.name == "trading-dev-us-east-1-trade-processor" && aws_iam_role.failover_validator.name == "trading-dev-us-east-1-failover-validator"
    error_message = "role names must carry the region because IAM is global"
  }

  assert {
    condition     = aws_lambda_event_source_mapping.trade_processor.enabled && aws_ssm_parameter.serving.value == "true"
    error_message = "the primary starts processing and serving"
  }

  assert {
    condition = (
      aws_lambda_event_source_mapping.trade_processor.event_source_arn == aws_sqs_queue.trade_orders.arn &&
      aws_lambda_event_source_mapping.trade_processor.function_response_types == toset(["ReportBatchItemFailures"]) &&
      aws_lambda_event_source_mapping.trade_processor.batch_size == 25 &&
      aws_lambda_event_source_mapping.trade_processor.maximum_batching_window_in_seconds == 2 &&
      aws_lambda_event_source_mapping.trade_processor.scaling_config[0].maximum_concurrency == 20
    )
    error_message = "the processor reads the trade queue in configured batches, reports item failures, and never polls beyond its reserved concurrency"
  }

  assert {
    condition     = aws_cloudwatch_event_rule.failover_validator.schedule_expression == "rate(1 hour)" && aws_cloudwatch_event_target.failover_validator.arn == aws_lambda_function.failover_validator.arn
    error_message = "the validator must run hourly"
  }

  assert {
    condition     = aws_lambda_permission.failover_validator_schedule.principal == "events.amazonaws.com" && aws_lambda_permission.failover_validator_schedule.source_arn == aws_cloudwatch_event_rule.failover_validator.arn
    error_message = "only the hourly rule may invoke the validator"
  }
}

run "environment_variables_match_the_contract" {
  command = apply

  assert {
    condition = aws_lambda_function.trade_processor.environment[0].variables == tomap({
      POWERTOOLS_SERVICE_NAME      = "trade-processor"
      NODE_EXTRA_CA_CERTS          = "/var/runtime/ca-cert.pem"
      POWERTOOLS_METRICS_NAMESPACE = "trading/dev"
      LOG_LEVEL                    = "INFO"
      DB_HOST                      = aws_rds_cluster.this.endpoint
      DB_PORT                      = "5432"
      DB_NAME                      = "trading"
      DB_USER                      = "trade_processor"
      DB_AUTH                      = "iam"
      DB_SSL                       = "true"
      SESSIONS_TABLE               = "trading-dev-sessions"
      AUDIT_BUCKET                 = "trading-dev-audit-us-east-1"
      SESSION_TTL_SECONDS          = "86400"
      SERVING_PARAMETER            = "/trading/dev/us-east-1/serving"
      SERVING_LEASE_SECONDS        = "150"
      MAX_ORDER_AGE_SECONDS        = "60"
    })
    error_message = "trade-processor environment differs from the contract"
  }

  assert {
    condition = aws_lambda_function.health.environment[0].variables == tomap({
      POWERTOOLS_SERVICE_NAME      = "health"
      POWERTOOLS_METRICS_NAMESPACE = "trading/dev"
      LOG_LEVEL                    = "INFO"
      SERVING_PARAMETER            = "/trading/dev/us-east-1/serving"
      SERVING_LEASE_SECONDS        = "150"
      FLAG_CACHE_SECONDS           = "5"
      NODE_EXTRA_CA_CERTS          = "/var/runtime/ca-cert.pem"
      DB_HOST                      = aws_rds_cluster.this.endpoint
      DB_PORT                      = "5432"
      DB_NAME                      = "trading"
      DB_USER                      = "health_check"
      DB_AUTH                      = "iam"
      DB_SSL                       = "true"
      SESSIONS_TABLE               = "trading-dev-sessions"
      QUEUE_URL                    = aws_sqs_queue.trade_orders.url
      PROBE_TIMEOUT_MS             = "1000"
    })
    error_message = "health environment differs from the contract"
  }

  assert {
    condition = aws_lambda_function.failover_validator.environment[0].variables == tomap({
      POWERTOOLS_SERVICE_NAME          = "failover-validator"
      POWERTOOLS_METRICS_NAMESPACE     = "trading/dev"
      LOG_LEVEL                        = "INFO"
      GLOBAL_CLUSTER_ID                = "trading-dev"
      PEER_REGION                      = "us-east-2"
      SESSIONS_TABLE                   = "trading-dev-sessions"
      CONFIG_BUCKET                    = "trading-dev-config-us-east-1"
      AUDIT_BUCKET                     = "trading-dev-audit-us-east-1"
      TRADE_PROCESSOR_FUNCTION         = "trading-dev-trade-processor"
      HEALTH_CHECK_IDS_PARAMETER       = "/trading/dev/health-check-ids"
      RPO_LAG_THRESHOLD_SECONDS        = "60"
      REPLICATION_LATENCY_THRESHOLD_MS = "5000"
    })
    error_message = "failover-validator environment differs from the contract"
  }
}

run "secondary_starts_passive" {
  # plan: an ephemeral input left null cannot be carried into a test apply. Own state: this is
  # the other region, not a change to the primary above.
  command   = plan
  state_key = "secondary"

  variables {
    role                  = "secondary"
    peer_region           = "us-east-1"
    primary_cluster_arn   = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition     = aws_lambda_event_source_mapping.trade_processor.enabled == true
    error_message = "the secondary's trade processor mapping is enabled too: the processor is the gate, and its flag says not active"
  }

  assert {
    condition     = aws_ssm_parameter.serving.value == "false" && aws_ssm_parameter.serving.name == "/trading/dev/us-east-2/serving"
    error_message = "the secondary's serving flag must start false, under its own region"
  }

  assert {
    condition     = aws_iam_role.trade_processor.name == "trading-dev-us-east-2-trade-processor" && aws_lambda_function.trade_processor.function_name == "trading-dev-trade-processor"
    error_message = "the secondary's roles carry its region while its function names match the primary's"
  }
}

# After creation the orchestrator owns the processing and serving flags. Planning the applied
# primary with the secondary's initial values must leave both untouched (lifecycle.ignore_changes).
run "orchestrator_owned_flags_are_not_reset" {
  command = plan

  variables {
    role                = "secondary"
    primary_cluster_arn = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
    db_master_password  = "offline-test-password-0123456789"
  }

  assert {
    condition     = aws_lambda_event_source_mapping.trade_processor.enabled && aws_ssm_parameter.serving.value == "true"
    error_message = "re-applying must not reset the event source mapping or the serving flag"
  }
}

run "roles_are_least_privilege" {
  command = apply

  assert {
    condition = alltrue(flatten([for d in [
      data.aws_iam_policy_document.trade_processor, data.aws_iam_policy_document.health, data.aws_iam_policy_document.failover_validator,
      data.aws_iam_policy_document.api_queue, data.aws_iam_policy_document.api_cloudwatch, data.aws_iam_policy_document.flow_logs,
    ] : [for s in d.statement : [for a in s.actions : a != "*" && !endswith(a, ":*")]]]))
    error_message = "no statement may grant every action (of a service)"
  }

  assert {
    condition = alltrue(flatten([for d in [
      data.aws_iam_policy_document.trade_processor, data.aws_iam_policy_document.health, data.aws_iam_policy_document.failover_validator,
      data.aws_iam_policy_document.api_queue, data.aws_iam_policy_document.api_cloudwatch, data.aws_iam_policy_document.flow_logs,
      ] : [for s in d.statement : !contains(s.resources, "*") || length(setsubtract(s.actions, [
        # Actions AWS evaluates only against Resource "*".
        "xray:PutTraceSegments", "xray:PutTelemetryRecords",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
        "cloudwatch:GetMetricData", "lambda:ListEventSourceMappings",
    ])) == 0]]))
    error_message = "Resource \"*\" is allowed only for actions without resource-level permissions"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.trade_processor.statement : s.resources if contains(s.actions, "rds-db:connect")]) == toset(["arn:aws:rds-db:us-east-1:111122223333:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/trade_processor"])
    error_message = "rds-db:connect must name this region's cluster resource ID and the trade_processor user only"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.trade_processor.statement : s.resources if contains(s.actions, "s3:PutObject")]) == toset(["arn:aws:s3:::trading-dev-audit-us-east-1/trades/*", "arn:aws:s3:::trading-dev-audit-us-east-1/rejected/*"])
    error_message = "the processor may write only under trades/ and rejected/ of this region's audit bucket"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.trade_processor.statement : s.resources if contains(s.actions, "dynamodb:UpdateItem")]) == toset([var.sessions_table.arn])
    error_message = "the processor may write only this region's sessions replica"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.health.statement : s.resources if contains(s.actions, "ssm:GetParameter")]) == toset([aws_ssm_parameter.serving.arn])
    error_message = "health may read only this region's serving flag"
  }

  assert {
    condition = one([for s in data.aws_iam_policy_document.failover_validator.statement : s.resources if contains(s.actions, "rds:DescribeDBClusters")]) == toset([
      aws_rds_cluster.this.arn, "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2",
    ])
    error_message = "the validator reads exactly this region's and the peer's member clusters"
  }

  assert {
    condition = one([for s in data.aws_iam_policy_document.failover_validator.statement : s.resources if contains(s.actions, "dynamodb:DescribeTable")]) == toset([
      var.sessions_table.arn, "arn:aws:dynamodb:us-east-2:111122223333:table/trading-dev-sessions",
    ])
    error_message = "the validator reads the sessions table in both regions"
  }

  assert {
    condition = alltrue(flatten([for s in data.aws_iam_policy_document.failover_validator.statement : [
      for a in s.actions : can(regex("^(logs:(CreateLogStream|PutLogEvents)|xray:Put|kms:Decrypt$|[a-z0-9-]+:(Describe|Get|List))", a))
    ] if !contains(["SendFailedInvocations", "EncryptFailedInvocations"], s.sid)]))
    error_message = "the validator must be read-only (besides its own logs, traces, environment decryption and its failure destination)"
  }

  # Its only writes: Lambda's failure-destination message for a failed scheduled run (functions.tf).
  assert {
    condition = (
      one([for s in data.aws_iam_policy_document.failover_validator.statement : s if s.sid == "SendFailedInvocations"]).actions == toset(["sqs:SendMessage"])
      && one([for s in data.aws_iam_policy_document.failover_validator.statement : s if s.sid == "SendFailedInvocations"]).resources == toset([aws_sqs_queue.async_failures.arn])
      && one([for s in data.aws_iam_policy_document.failover_validator.statement : s if s.sid == "EncryptFailedInvocations"]).resources == toset([var.kms_key_arns.logs])
    )
    error_message = "the validator may send only to its failure queue, with the logs key"
  }

  assert {
    condition = one([for s in data.aws_iam_policy_document.failover_validator.statement : s.resources if contains(s.actions, "ssm:GetParameter")]) == toset([
      "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/health-check-ids", "arn:aws:ssm:us-east-2:111122223333:parameter/trading/dev/health-check-ids",
    ])
    error_message = "the validator reads only the health-check-ids parameter, in either region"
  }

  assert {
    condition = (
      toset(flatten([for s in data.aws_iam_policy_document.api_queue.statement : tolist(s.actions) if contains(s.resources, aws_sqs_queue.trade_orders.arn)])) == toset(["sqs:SendMessage", "sqs:GetQueueAttributes"]) &&
      one([for s in data.aws_iam_policy_document.api_queue.statement : s.resources if contains(s.actions, "kms:GenerateDataKey")]) == toset([var.kms_key_arns.logs])
    )
    error_message = "the API role may only send to this queue (or read its attributes, the not-active branch) and use its key"
  }
}
