# Failure destinations (CKV_AWS_116): region-fence (the minute sync) and primary-probe (the automatic
# trigger's canary) are invoked asynchronously, so each region sends their failed events to its own
# encrypted queue, which pages the region's operations topic on the first one; only the two functions'
# roles may send there, and their policies allow it.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

# The two regions' queues get distinct ARNs (the mocks would give every queue of a region the same one),
# so a destination or a grant that names the wrong region's queue, or another queue, shows.
override_resource {
  target = module.primary.aws_sqs_queue.async_failures
  values = {
    arn = "arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures"
    url = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-orchestrator-async-failures"
  }
}

override_resource {
  target = module.secondary.aws_sqs_queue.async_failures
  values = {
    arn = "arn:aws:sqs:us-east-2:111122223333:trading-dev-orchestrator-async-failures"
    url = "https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-orchestrator-async-failures"
  }
}

run "each_regions_roles_may_send_to_that_regions_queue_only" {
  command = apply

  variables {
    auto_failover_enabled = true
  }

  assert {
    condition = (
      module.primary.async_failure_queue_arn == "arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures"
      && module.secondary.async_failure_queue_arn == "arn:aws:sqs:us-east-2:111122223333:trading-dev-orchestrator-async-failures"
    )
    error_message = "each region module outputs its own failure queue"
  }

  assert {
    condition = alltrue(flatten([
      for k, queue in {
        primary   = "arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures"
        secondary = "arn:aws:sqs:us-east-2:111122223333:trading-dev-orchestrator-async-failures"
        } : [
        for doc in [data.aws_iam_policy_document.region_fence[k], data.aws_iam_policy_document.primary_probe[k]] :
        length([for st in doc.statement : st if st.sid == "SendFailedInvocations" && st.actions == toset(["sqs:SendMessage"]) && st.resources == toset([queue])]) == 1
      ]
    ]))
    error_message = "region-fence's and primary-probe's roles in each region may send to that region's failure queue (Lambda sends the on-failure record with the execution role)"
  }

  # The regression to catch: a grant keyed by the wrong region. The secondary's functions fail over into
  # the secondary while the primary is down, so their records must never depend on the primary's queue.
  assert {
    condition = length([
      for doc in [data.aws_iam_policy_document.region_fence["secondary"], data.aws_iam_policy_document.primary_probe["secondary"]] :
      doc if anytrue([for st in doc.statement : contains(tolist(st.resources), module.primary.async_failure_queue_arn)])
      ]) == 0 && length([
      for doc in [data.aws_iam_policy_document.region_fence["primary"], data.aws_iam_policy_document.primary_probe["primary"]] :
      doc if anytrue([for st in doc.statement : contains(tolist(st.resources), module.secondary.async_failure_queue_arn)])
    ]) == 0
    error_message = "no role may send to the other region's failure queue"
  }

  # A producer of an SSE-KMS queue needs kms:GenerateDataKey and kms:Decrypt on the queue's key.
  assert {
    condition = alltrue(flatten([
      for k, key in { primary = var.primary_kms_key_arn, secondary = var.secondary_kms_key_arn } : [
        for doc in [data.aws_iam_policy_document.region_fence[k], data.aws_iam_policy_document.primary_probe[k]] :
        length([for st in doc.statement : st if contains(tolist(st.actions), "kms:GenerateDataKey") && st.resources == toset([key])]) == 1
        && length([for st in doc.statement : st if contains(tolist(st.actions), "kms:Decrypt") && st.resources == toset([key])]) == 1
      ]
    ]))
    error_message = "each role may use its region's key (kms:GenerateDataKey and kms:Decrypt) to write to the encrypted failure queue"
  }
}

run "primary_sends_failed_invocations_to_its_queue" {
  command = apply

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  override_resource {
    target = aws_sqs_queue.async_failures
    values = {
      arn = "arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures"
      url = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-orchestrator-async-failures"
    }
  }

  assert {
    condition = (
      keys(aws_lambda_function_event_invoke_config.this) == ["peer_probe", "region_fence"]
      && aws_lambda_function_event_invoke_config.this["region_fence"].function_name == aws_lambda_function.region_fence.function_name
      && aws_lambda_function_event_invoke_config.this["peer_probe"].function_name == aws_lambda_function.peer_probe.function_name
      && aws_cloudwatch_event_target.sync.arn == aws_lambda_function.region_fence.arn
    )
    error_message = "region-fence (invoked by the sync rule) and primary-probe (invoked by the canary schedule) each have an event invoke config"
  }

  assert {
    condition = alltrue([
      for c in values(aws_lambda_function_event_invoke_config.this) :
      one(one(c.destination_config).on_failure).destination == "arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures"
      && length(one(c.destination_config).on_success) == 0
    ])
    error_message = "failed events (only) of both functions go to this region's failure queue"
  }

  assert {
    condition = alltrue([
      for c in values(aws_lambda_function_event_invoke_config.this) : c.maximum_retry_attempts == 0 && c.maximum_event_age_in_seconds == 60
    ])
    error_message = "a per-minute run is superseded by the next one: no retry, and an event not run within a minute goes to the queue"
  }

  assert {
    condition = (
      aws_sqs_queue.async_failures.name == "trading-dev-orchestrator-async-failures"
      && aws_sqs_queue.async_failures.kms_master_key_id == var.kms_key_arn
      && aws_sqs_queue.async_failures.message_retention_seconds == 1209600
    )
    error_message = "the failure queue is encrypted with the region's key and keeps records 14 days"
  }

  assert {
    condition = (
      aws_sqs_queue_policy.async_failures.queue_url == aws_sqs_queue.async_failures.id
      && aws_sqs_queue_policy.async_failures.policy == data.aws_iam_policy_document.async_failures.json
      && [for st in data.aws_iam_policy_document.async_failures.statement : st.sid] == ["DenyInsecureTransport", "DenySendExceptFunctionRoles"]
      && alltrue([for st in data.aws_iam_policy_document.async_failures.statement : st.effect == "Deny"])
    )
    error_message = "the failure queue's policy refuses plain HTTP and every sender but the functions' roles"
  }

  assert {
    condition = (
      data.aws_iam_policy_document.async_failures.statement[1].actions == toset(["sqs:SendMessage"])
      && one(data.aws_iam_policy_document.async_failures.statement[1].condition).test == "ArnNotEquals"
      && one(data.aws_iam_policy_document.async_failures.statement[1].condition).variable == "aws:PrincipalArn"
      && toset(one(data.aws_iam_policy_document.async_failures.statement[1].condition).values) == toset([
        "arn:aws:iam::111122223333:role/trading-dev-us-east-1-region-fence",
        "arn:aws:iam::111122223333:role/trading-dev-us-east-1-primary-probe",
      ])
    )
    error_message = "only this region's region-fence and primary-probe roles may send to the failure queue"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.async_failures.namespace == "AWS/SQS"
      && aws_cloudwatch_metric_alarm.async_failures.metric_name == "ApproximateNumberOfMessagesVisible"
      && aws_cloudwatch_metric_alarm.async_failures.dimensions == tomap({ QueueName = "trading-dev-orchestrator-async-failures" })
      && aws_cloudwatch_metric_alarm.async_failures.threshold == 0
      && aws_cloudwatch_metric_alarm.async_failures.comparison_operator == "GreaterThanThreshold"
      && aws_cloudwatch_metric_alarm.async_failures.treat_missing_data == "notBreaching"
      && aws_cloudwatch_metric_alarm.async_failures.alarm_actions == toset([aws_sns_topic.operations.arn])
    )
    error_message = "the first record in the failure queue pages this region's operations topic"
  }
}

run "secondary_sends_failed_invocations_to_its_own_queue" {
  command = apply
  # Its own state: a run after the primary's would otherwise update the primary's mocked resources,
  # which keep their us-east-1 ARNs.
  state_key = "secondary"

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.secondary
  }

  variables {
    region      = "us-east-2"
    peer_region = "us-east-1"
    kms_key_arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000003"
    event_forwarding = {
      peer_bus_arn              = "arn:aws:events:us-east-1:111122223333:event-bus/default"
      role_arn                  = "arn:aws:iam::111122223333:role/trading-dev-us-east-2-event-forwarder"
      other_dead_letter_sources = []
    }
    region_fence = {
      function_name              = "trading-dev-region-fence"
      zip                        = "tests/fixtures/function.zip"
      role_arn                   = "arn:aws:iam::111122223333:role/trading-dev-us-east-2-region-fence"
      peer_serving_lease_seconds = 150
    }
    peer_probe = {
      function_name   = "trading-dev-primary-probe"
      zip             = "tests/fixtures/function.zip"
      role_arn        = "arn:aws:iam::111122223333:role/trading-dev-us-east-2-primary-probe"
      health_hostname = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
      view_name       = "primary-view.api.dev.trading.example.com"
      timeout_ms      = 5000
    }
  }

  override_resource {
    target = aws_sqs_queue.async_failures
    values = {
      arn = "arn:aws:sqs:us-east-2:111122223333:trading-dev-orchestrator-async-failures"
      url = "https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-orchestrator-async-failures"
    }
  }

  # The regression to catch: a destination in the other region (the primary's queue) or another queue
  # of this region (the events DLQ, whose alarm says something else).
  assert {
    condition = alltrue([
      for c in values(aws_lambda_function_event_invoke_config.this) :
      one(one(c.destination_config).on_failure).destination == "arn:aws:sqs:us-east-2:111122223333:trading-dev-orchestrator-async-failures"
      && one(one(c.destination_config).on_failure).destination != "arn:aws:sqs:us-east-1:111122223333:trading-dev-orchestrator-async-failures"
      && one(one(c.destination_config).on_failure).destination != aws_sqs_queue.events_dlq.arn
      && split(":", one(one(c.destination_config).on_failure).destination)[3] == var.region
    ]) && length(aws_lambda_function_event_invoke_config.this) == 2
    error_message = "the secondary's functions send their failed events to the secondary's own failure queue, never the primary's"
  }

  assert {
    condition = (
      aws_sqs_queue.async_failures.kms_master_key_id == "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000003"
      && aws_cloudwatch_metric_alarm.async_failures.alarm_actions == toset(["arn:aws:sns:us-east-2:111122223333:trading-dev-operations"])
      && aws_cloudwatch_metric_alarm.async_failures.dimensions.QueueName == aws_sqs_queue.async_failures.name
    )
    error_message = "the secondary's failure queue uses the secondary's key and pages the secondary's operations topic"
  }

  assert {
    condition = toset(one(data.aws_iam_policy_document.async_failures.statement[1].condition).values) == toset([
      "arn:aws:iam::111122223333:role/trading-dev-us-east-2-region-fence",
      "arn:aws:iam::111122223333:role/trading-dev-us-east-2-primary-probe",
    ])
    error_message = "only the secondary's own function roles may send to its failure queue"
  }
}
