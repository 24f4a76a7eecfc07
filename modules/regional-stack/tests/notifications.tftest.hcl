# The alarm topic's subscribers: one subscription per subscriber, keyed so that reordering the list
# replaces nothing; an unsupported protocol is refused.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "subscribers_of_the_alarm_topic" {
  command = apply

  variables {
    alarm_subscriptions = [
      { protocol = "email", endpoint = "oncall@desk.co" },
      { protocol = "https", endpoint = "https://pager.desk.co/hooks/trading" },
    ]
  }

  assert {
    condition     = toset(keys(aws_sns_topic_subscription.alarms)) == toset(["email:oncall@desk.co", "https:https://pager.desk.co/hooks/trading"])
    error_message = "one subscription per subscriber, keyed by protocol and endpoint"
  }

  assert {
    condition     = alltrue([for s in aws_sns_topic_subscription.alarms : s.topic_arn == aws_sns_topic.alarms.arn])
    error_message = "every subscriber is subscribed to this region's alarm topic"
  }

  assert {
    condition     = aws_sns_topic_subscription.alarms["https:https://pager.desk.co/hooks/trading"].protocol == "https" && aws_sns_topic_subscription.alarms["email:oncall@desk.co"].endpoint == "oncall@desk.co"
    error_message = "protocol and endpoint are passed through as given"
  }
}

run "no_subscribers_by_default" {
  command = plan

  assert {
    condition     = length(aws_sns_topic_subscription.alarms) == 0
    error_message = "the module subscribes nobody unless told (the composition requires at least one)"
  }
}

run "rejects_an_unsupported_protocol" {
  command = plan

  variables {
    alarm_subscriptions = [{ protocol = "sqs", endpoint = "arn:aws:sqs:us-east-1:111122223333:q" }]
  }

  expect_failures = [var.alarm_subscriptions]
}
