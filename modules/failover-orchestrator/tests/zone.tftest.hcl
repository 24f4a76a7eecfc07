mock_provider "aws" {
  alias = "primary"
}

mock_provider "aws" {
  alias = "secondary"
}

variables {
  name_prefix = "trading-dev"
  environment = "dev"
  zone_name   = "dev.trading.example.com"
}

run "creates_the_zone_when_none_is_given" {
  command = plan

  assert {
    condition     = length(aws_route53_zone.this) == 1 && aws_route53_zone.this[0].name == "dev.trading.example.com"
    error_message = "the module must create the hosted zone when hosted_zone_id is null"
  }
}

run "uses_an_existing_zone" {
  command = plan

  variables {
    hosted_zone_id = "Z0123456789ABCDEFGHIJ"
  }

  assert {
    condition     = length(aws_route53_zone.this) == 0 && output.hosted_zone_id == "Z0123456789ABCDEFGHIJ"
    error_message = "an existing zone id must be used as is, with no zone created"
  }
}

run "rejects_bad_zone_name" {
  command = plan

  variables {
    zone_name = "Not A Zone"
  }

  expect_failures = [var.zone_name]
}
