# The DNS bootstrap: only the public zone, and what to delegate.
mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "./tests/mocks"
}

variables {
  project     = "trading"
  environment = "dev"
  account_id  = "210987654321"
  zone_name   = "dev.trading.acmemarkets.net"
}

run "zone_and_delegation" {
  command = apply

  assert {
    condition     = aws_route53_zone.this.name == "dev.trading.acmemarkets.net" && length(aws_route53_zone.this.vpc) == 0 && !aws_route53_zone.this.force_destroy
    error_message = "one public zone for zone_name, not deleted while it holds records"
  }

  assert {
    condition     = output.zone_id == "Z0123456789ABCDEFGHIJ" && length(output.name_servers) == 4
    error_message = "the outputs give the zone ID for hosted_zone_id and the name servers to delegate"
  }

  assert {
    condition     = output.parent_zone_records == "dev.trading.acmemarkets.net. 172800 IN NS ns-101.awsdns-12.com.\ndev.trading.acmemarkets.net. 172800 IN NS ns-702.awsdns-23.net.\ndev.trading.acmemarkets.net. 172800 IN NS ns-1203.awsdns-34.org.\ndev.trading.acmemarkets.net. 172800 IN NS ns-1804.awsdns-45.co.uk."
    error_message = "the parent zone's NS records, one line per name server"
  }
}

run "documentation_domain_refused" {
  command = plan

  variables {
    zone_name = "dev.trading.example.com"
  }

  expect_failures = [var.zone_name]
}

run "trailing_dot_refused" {
  command = plan

  variables {
    zone_name = "dev.trading.acmemarkets.net."
  }

  expect_failures = [var.zone_name]
}

run "placeholder_account_refused" {
  command = plan

  variables {
    account_id = "000000000000"
  }

  expect_failures = [var.account_id]
}
