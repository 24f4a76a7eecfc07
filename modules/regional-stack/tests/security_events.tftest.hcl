# Security alarms (security-events.tf): EventBridge rules on CloudTrail's record of sensitive calls in
# this region, each notifying the alarm topic.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "each_sensitive_call_alarms_to_the_alarm_topic" {
  command = apply

  assert {
    condition     = toset(keys(aws_cloudwatch_event_rule.security)) == toset(["kms-key-administration", "alarm-state-forced", "serving-flag-written", "trade-queue-attributes", "bucket-configuration", "routing-control-state"])
    error_message = "one rule per kind of sensitive call: KMS key administration, SetAlarmState, the serving flag, the trade queue's attributes, the buckets' protected configuration and ARC routing control updates"
  }

  assert {
    condition = alltrue([for k, r in aws_cloudwatch_event_rule.security :
      jsondecode(r.event_pattern)["detail-type"] == ["AWS API Call via CloudTrail"]
      && aws_cloudwatch_event_target.security[k].rule == r.name
      && aws_cloudwatch_event_target.security[k].arn == aws_sns_topic.alarms.arn
    ])
    error_message = "every rule matches CloudTrail's API call events and notifies the alarm topic"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.security["kms-key-administration"].event_pattern).source == ["aws.kms"]
      && jsondecode(aws_cloudwatch_event_rule.security["kms-key-administration"].event_pattern).detail.eventSource == ["kms.amazonaws.com"]
      && toset(jsondecode(aws_cloudwatch_event_rule.security["kms-key-administration"].event_pattern).detail.eventName) == toset(["ScheduleKeyDeletion", "CancelKeyDeletion", "DisableKey", "PutKeyPolicy", "DisableKeyRotation", "UpdatePrimaryRegion"])
    )
    error_message = "the KMS rule matches the six key administration calls of threat 4"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.security["alarm-state-forced"].event_pattern).source == ["aws.monitoring"]
      && jsondecode(aws_cloudwatch_event_rule.security["alarm-state-forced"].event_pattern).detail == { eventSource = ["monitoring.amazonaws.com"], eventName = ["SetAlarmState"] }
    )
    error_message = "SetAlarmState is recorded by CloudWatch as source aws.monitoring, event source monitoring.amazonaws.com"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.security["serving-flag-written"].event_pattern).detail.requestParameters == { name = ["/trading/dev/us-east-1/serving"] }
      && jsondecode(aws_cloudwatch_event_rule.security["serving-flag-written"].event_pattern).detail["$or"] == [
        { userIdentity = { sessionContext = { sessionIssuer = { arn = [{ "anything-but" = [
          "arn:aws:iam::111122223333:role/trading-dev-us-east-1-region-fence",
          "arn:aws:iam::111122223333:role/trading-dev-us-east-2-region-fence",
        ] }] } } } },
        { userIdentity = { sessionContext = { sessionIssuer = { arn = [{ exists = false }] } } } },
      ]
    )
    error_message = "a write of this region's serving flag alarms unless region-fence of either region made it, callers without a role session included"
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.security["trade-queue-attributes"].event_pattern).detail == { eventSource = ["sqs.amazonaws.com"], eventName = ["SetQueueAttributes"], requestParameters = { queueUrl = [aws_sqs_queue.trade_orders.url] } }
    error_message = "SetQueueAttributes on the trade queue (its policy) alarms"
  }

  assert {
    condition = (
      toset(jsondecode(aws_cloudwatch_event_rule.security["bucket-configuration"].event_pattern).detail.eventName) == toset(["PutBucketPolicy", "DeleteBucketPolicy", "PutObjectLockConfiguration", "PutBucketReplication", "DeleteBucketReplication", "PutBucketLifecycle", "DeleteBucketLifecycle"])
      && jsondecode(aws_cloudwatch_event_rule.security["bucket-configuration"].event_pattern).detail.requestParameters == { bucketName = ["trading-dev-config-us-east-1", "trading-dev-audit-us-east-1"] }
    )
    error_message = "the bucket rule matches CloudTrail's names for the policy, Object Lock, replication and lifecycle calls on this region's config and audit buckets"
  }

  assert {
    condition = (
      !contains(keys(jsondecode(aws_cloudwatch_event_rule.security["routing-control-state"].event_pattern)), "source")
      && jsondecode(aws_cloudwatch_event_rule.security["routing-control-state"].event_pattern).detail == { eventSource = ["route53-recovery-cluster.amazonaws.com"], eventName = ["UpdateRoutingControlState", "UpdateRoutingControlStates"] }
    )
    error_message = "routing control updates are matched on ARC data plane's CloudTrail event source"
  }
}

run "named_serving_flag_writers_replace_the_default" {
  command = plan

  variables {
    serving_flag_writer_role_arns = ["arn:aws:iam::111122223333:role/break-glass"]
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.security["serving-flag-written"].event_pattern).detail["$or"][0].userIdentity.sessionContext.sessionIssuer.arn == [{ "anything-but" = ["arn:aws:iam::111122223333:role/break-glass"] }]
    error_message = "serving_flag_writer_role_arns names the roles whose writes raise no alarm"
  }
}

run "rejects_a_writer_that_is_not_a_role_arn" {
  command = plan

  variables {
    serving_flag_writer_role_arns = ["region-fence"]
  }

  expect_failures = [var.serving_flag_writer_role_arns]
}
