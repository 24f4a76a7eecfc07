# The operations topic's subscribers, in both regions: recovery outcomes and approval requests reach
# people whichever region is lost.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "both_regions_operations_topics_have_the_subscribers" {
  command = apply

  variables {
    operations_subscriptions = [{ protocol = "email", endpoint = "oncall@desk.co" }]
  }

  assert {
    condition     = keys(module.primary.operations_subscriptions) == ["email:oncall@desk.co"] && keys(module.secondary.operations_subscriptions) == ["email:oncall@desk.co"]
    error_message = "each region's operations topic gets every subscriber"
  }

  assert {
    condition     = module.primary.operations_subscriptions["email:oncall@desk.co"] == module.primary.operations_topic_arn && module.secondary.operations_subscriptions["email:oncall@desk.co"] == module.secondary.operations_topic_arn
    error_message = "each region subscribes its own operations topic, never the other region's"
  }
}

run "rejects_an_unsupported_protocol" {
  command = plan

  variables {
    operations_subscriptions = [{ protocol = "lambda", endpoint = "arn:aws:lambda:us-east-1:111122223333:function:f" }]
  }

  expect_failures = [var.operations_subscriptions]
}
