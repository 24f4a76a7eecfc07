# Security alarms (threats 3, 4, 5 and 7 of docs/threat-model.md): an EventBridge rule per kind of
# sensitive management call recorded by CloudTrail in this region, each notifying the alarm topic.
#
# Needs a trail that logs management events (write) in this region: "AWS API Call via CloudTrail"
# events reach EventBridge only from a trail with logging on, which modules/global-data is getting
# (trail.tf). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html
# Each call is matched on its CloudTrail eventSource and eventName, which are the API operation's
# name, not the IAM action's: S3 records PutObjectLockConfiguration (IAM s3:PutBucketObjectLock-
# Configuration), PutBucketReplication (s3:PutReplicationConfiguration) and PutBucketLifecycle for
# PutBucketLifecycleConfiguration (s3:PutLifecycleConfiguration):
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html
# Sources and event sources: https://docs.aws.amazon.com/eventbridge/latest/ref/events.html
# (aws.kms / kms, aws.monitoring / monitoring, aws.ssm / ssm, aws.sqs / sqs, aws.s3 / s3).
# A call is recorded, and so matched, in the region it was made to: this region's keys, alarms, flag,
# queue and buckets. An apply that changes one of these resources alarms too, as it should.

locals {
  # Who may write the serving flag without an alarm: region-fence of both regions (its minute sync
  # rewrites the flag of the region it runs in; the fence switches the peer's). The orchestrator names
  # those roles <name_prefix>-<region>-region-fence (modules/failover-orchestrator/iam.tf).
  serving_flag_writer_role_arns = coalesce(var.serving_flag_writer_role_arns, [
    for r in [local.region, var.peer_region] : "arn:${local.partition}:iam::${local.account_id}:role/${var.name_prefix}-${r}-region-fence"
  ])

  security_event_rules = {
    # Threat 4: destroying, disabling or re-policying a key (the key policies deny these to all but
    # the key administrator; this tells when the administrator, or anyone, tries). CancelKeyDeletion
    # alarms too: it means a deletion had been scheduled.
    kms-key-administration = {
      description = "A KMS key in ${local.region} was scheduled for deletion, disabled, re-policied, had rotation turned off, its primary region moved, or a deletion cancelled"
      pattern = jsonencode({
        source        = ["aws.kms"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource = ["kms.amazonaws.com"]
          eventName   = ["ScheduleKeyDeletion", "CancelKeyDeletion", "DisableKey", "PutKeyPolicy", "DisableKeyRotation", "UpdatePrimaryRegion"]
        }
      })
    }
    # Threat 3: a forced alarm state produces the same event as a real alarm (the primary-unreachable
    # trigger of an automatic failover).
    alarm-state-forced = {
      description = "An alarm state in ${local.region} was set by hand (SetAlarmState)"
      pattern = jsonencode({
        source        = ["aws.monitoring"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource = ["monitoring.amazonaws.com"]
          eventName   = ["SetAlarmState"]
        }
      })
    }
    # Decision 004: the serving flag is the local mirror of the authority; only region-fence writes it.
    serving-flag-written = {
      description = "The serving flag ${local.serving_parameter_name} was written or deleted by a principal other than region-fence"
      pattern = jsonencode({
        source        = ["aws.ssm"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource       = ["ssm.amazonaws.com"]
          eventName         = ["PutParameter", "DeleteParameter"]
          requestParameters = { name = [local.serving_parameter_name] }
          # Anything but a region-fence role session, including callers with no role session at all
          # (an IAM user, the root user), for which the field is absent.
          "$or" = [
            { userIdentity = { sessionContext = { sessionIssuer = { arn = [{ "anything-but" = local.serving_flag_writer_role_arns }] } } } },
            { userIdentity = { sessionContext = { sessionIssuer = { arn = [{ exists = false }] } } } },
          ]
        }
      })
    }
    # Threat 5: the trade queue's policy (DenySendExceptApiIntegrationRole) is changed with
    # SetQueueAttributes.
    trade-queue-attributes = {
      description = "The attributes (the policy among them) of ${aws_sqs_queue.trade_orders.name} were changed"
      pattern = jsonencode({
        source        = ["aws.sqs"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource       = ["sqs.amazonaws.com"]
          eventName         = ["SetQueueAttributes"]
          requestParameters = { queueUrl = [aws_sqs_queue.trade_orders.url] }
        }
      })
    }
    # Threat 7 and decision 007: the configuration the bucket policies reserve to the administration
    # role (policy, Object Lock, replication, lifecycle) of this region's config and audit buckets.
    bucket-configuration = {
      description = "The policy, Object Lock, replication or lifecycle configuration of ${var.config_bucket.name} or ${var.audit_bucket.name} was changed"
      pattern = jsonencode({
        source        = ["aws.s3"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource       = ["s3.amazonaws.com"]
          eventName         = ["PutBucketPolicy", "DeleteBucketPolicy", "PutObjectLockConfiguration", "PutBucketReplication", "DeleteBucketReplication", "PutBucketLifecycle", "DeleteBucketLifecycle"]
          requestParameters = { bucketName = [var.config_bucket.name, var.audit_bucket.name] }
        }
      })
    }
    # Decision 004: the authority itself. ARC's data plane (route53-recovery-cluster) has no entry in
    # EventBridge's event reference, so the rule matches on the CloudTrail event source alone, and it
    # fires only for calls recorded in this region. The ARC documentation does not say which region
    # records routing control updates (https://docs.aws.amazon.com/r53recovery/latest/dg/cloudtrail-routing.html);
    # its API reference sends ARC calls to us-west-2, so a rule there is needed as well (see the
    # module README). region-fence's own updates during a recovery alarm too, on purpose.
    routing-control-state = {
      description = "A Route 53 ARC routing control state was updated (UpdateRoutingControlState or UpdateRoutingControlStates), as recorded in ${local.region}"
      pattern = jsonencode({
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail = {
          eventSource = ["route53-recovery-cluster.amazonaws.com"]
          eventName   = ["UpdateRoutingControlState", "UpdateRoutingControlStates"]
        }
      })
    }
  }
}

resource "aws_cloudwatch_event_rule" "security" {
  for_each = local.security_event_rules

  name          = "${var.name_prefix}-security-${each.key}"
  description   = each.value.description
  event_pattern = each.value.pattern
}

resource "aws_cloudwatch_event_target" "security" {
  for_each = local.security_event_rules

  rule      = aws_cloudwatch_event_rule.security[each.key].name
  target_id = "alarm-topic"
  arn       = aws_sns_topic.alarms.arn
}
