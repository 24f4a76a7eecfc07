# Cross-region events: each region forwards trading.platform events raised in it to the other region's
# default bus, with a role and a dead-letter queue that may only be written by this region's rules.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "every_event_rule_has_a_target" {
  command = plan

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  assert {
    condition     = aws_cloudwatch_event_target.forward.rule == aws_cloudwatch_event_rule.forward.name
    error_message = "the forwarding rule needs its target"
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.forward.arn == "arn:aws:events:us-east-2:111122223333:event-bus/default" &&
      aws_cloudwatch_event_target.forward.role_arn == "arn:aws:iam::111122223333:role/trading-dev-us-east-1-event-forwarder"
    )
    error_message = "the region forwards to the OTHER region's default bus with its forwarder role"
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.forward.event_pattern).source == ["trading.platform"] &&
      jsondecode(aws_cloudwatch_event_rule.forward.event_pattern).region == ["us-east-1"]
    )
    error_message = "forward only trading.platform events raised in this region, so forwarded events do not bounce back"
  }
}

run "dead_letters_are_kept_and_alarmed" {
  command = apply

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
      other_dead_letter_sources = ["arn:aws:events:us-east-2:111122223333:rule/trading-dev-primary-unreachable"]
    }
  }

  assert {
    condition     = one(aws_cloudwatch_event_target.forward.dead_letter_config).arn == aws_sqs_queue.events_dlq.arn && aws_sqs_queue.events_dlq.message_retention_seconds == 1209600
    error_message = "the forwarding target dead-letters into the region's queue, kept 14 days"
  }

  assert {
    condition     = aws_sqs_queue_policy.events_dlq.policy == data.aws_iam_policy_document.events_dlq.json && aws_sqs_queue_policy.events_dlq.queue_url == aws_sqs_queue.events_dlq.id
    error_message = "the queue carries its own policy"
  }

  assert {
    condition = toset(one(data.aws_iam_policy_document.events_dlq.statement[0].condition).values) == toset([
      aws_cloudwatch_event_rule.forward.arn, "arn:aws:events:us-east-2:111122223333:rule/trading-dev-primary-unreachable",
    ])
    error_message = "only this region's forwarding rule and the named other rules may dead-letter into the queue"
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.events_dlq.alarm_actions == toset([aws_sns_topic.operations.arn]) && aws_cloudwatch_metric_alarm.events_dlq.dimensions.QueueName == aws_sqs_queue.events_dlq.name
    error_message = "a dead letter pages the operators through this region's topic"
  }
}
